package ai.codemie.auth.examples.spring;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.admin.tenant.BulkMode;
import ai.codemie.auth.admin.tenant.BulkRejectedException;
import ai.codemie.auth.admin.tenant.BulkResult;
import ai.codemie.auth.admin.tenant.ImportRejectedException;
import ai.codemie.auth.admin.tenant.ImportResult;
import ai.codemie.auth.admin.tenant.ImportValidation;
import ai.codemie.auth.admin.tenant.InvitationView;
import ai.codemie.auth.admin.tenant.MemberRoles;
import ai.codemie.auth.admin.tenant.MemberView;
import ai.codemie.auth.admin.tenant.RoleView;
import ai.codemie.auth.admin.tenant.TenantAdministration;
import ai.codemie.auth.admin.tenant.TenantOperation;
import ai.codemie.auth.admin.tenant.TenantSummary;
import ai.codemie.auth.admin.tenant.TenantView;
import ai.codemie.auth.admin.csv.TenantCsvImport;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.TenantNames;
import ai.codemie.auth.policy.AccessExplanation;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant administration endpoints of the reference service, served by the library's
 * {@link TenantAdministration}, which decides who may do what. Any signed-in caller gets this far; the answers
 * follow one order of checks: 400 when tenants are off ({@link TenantSwitch}), 400 for a malformed tenant id or
 * role name in the path, then the administration's own refusals (404 or 403 for the tenant, 403 without the
 * permission), and only then 400 for the body — a caller who may not act on a tenant learns nothing from the
 * shape of what they sent — followed by the administration's 404, 403 and 409.
 *
 * <p>Bodies are JSON objects read as UTF-8 whatever charset the request declares; members the endpoint does not
 * know are ignored, a member of the wrong type is a 400 naming it. The user import takes the file itself as the
 * body (CSV, {@code text/csv}).
 */
@RestController
@RequireSignedIn
class TenantController {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final CodemieAuth auth;
    private final JsonMapper json;

    TenantController(CodemieAuth auth, JsonMapper json) {
        this.auth = auth;
        this.json = json;
    }

    @GetMapping("/v1/tenants")
    List<TenantSummary> myTenants(EffectivePermissions caller) {
        return administration().myTenants(caller);
    }

    @PostMapping("/v1/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    TenantView createTenant(EffectivePermissions caller, @RequestBody(required = false) byte[] body) {
        return withBody(body, members -> {
            String id = BadRequest.requireText(members, "id");
            String name = BadRequest.optionalText(members, "name");
            List<String> boundary = BadRequest.requireStrings(members, "boundary");
            return () -> administration().createTenant(caller, id, name, boundary);
        }, () -> administration().checkAccess(caller, null, TenantOperation.CREATE_TENANT));
    }

    @GetMapping("/v1/tenants/{tenant}")
    TenantView tenant(EffectivePermissions caller, @PathVariable String tenant) {
        return administration().getTenant(caller, TenantNames.requireTenantId(tenant));
    }

    @PutMapping("/v1/tenants/{tenant}")
    TenantView updateTenant(EffectivePermissions caller, @PathVariable String tenant,
            @RequestBody(required = false) byte[] body) {
        String id = TenantNames.requireTenantId(tenant);
        return withBody(body, members -> {
            String name = BadRequest.optionalText(members, "name");
            List<String> boundary = BadRequest.optionalStrings(members, "boundary");
            return () -> administration().updateTenant(caller, id, name, boundary);
        }, () -> administration().checkAccess(caller, id, TenantOperation.UPDATE_TENANT));
    }

    @GetMapping("/v1/tenants/{tenant}/roles")
    List<TenantViews.Role> roles(EffectivePermissions caller, @PathVariable String tenant) {
        return administration().listRoles(caller, TenantNames.requireTenantId(tenant)).stream()
                .map(TenantViews.Role::of).toList();
    }

    @PostMapping("/v1/tenants/{tenant}/roles")
    @ResponseStatus(HttpStatus.CREATED)
    RoleView createRole(EffectivePermissions caller, @PathVariable String tenant,
            @RequestBody(required = false) byte[] body) {
        String id = TenantNames.requireTenantId(tenant);
        return withBody(body, members -> {
            String name = BadRequest.requireText(members, "name");
            String description = BadRequest.optionalText(members, "description");
            List<String> permissions = BadRequest.requireStrings(members, "permissions");
            return () -> administration().createRole(caller, id, name, description, permissions);
        }, () -> administration().checkAccess(caller, id, TenantOperation.MANAGE_ROLES));
    }

    @PutMapping("/v1/tenants/{tenant}/roles/{role}")
    RoleView updateRole(EffectivePermissions caller, @PathVariable String tenant, @PathVariable String role,
            @RequestBody(required = false) byte[] body) {
        String id = TenantNames.requireTenantId(tenant);
        String current = TenantNames.requireRoleName(role);
        return withBody(body, members -> {
            String name = BadRequest.optionalText(members, "name");
            String description = BadRequest.optionalText(members, "description");
            List<String> permissions = BadRequest.optionalStrings(members, "permissions");
            return () -> administration().updateRole(caller, id, current, name, description, permissions);
        }, () -> administration().checkAccess(caller, id, TenantOperation.MANAGE_ROLES));
    }

    @DeleteMapping("/v1/tenants/{tenant}/roles/{role}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRole(EffectivePermissions caller, @PathVariable String tenant, @PathVariable String role) {
        administration().deleteRole(caller, TenantNames.requireTenantId(tenant), TenantNames.requireRoleName(role));
    }

    @GetMapping("/v1/tenants/{tenant}/users")
    List<MemberView> members(EffectivePermissions caller, @PathVariable String tenant) {
        return administration().listMembers(caller, TenantNames.requireTenantId(tenant));
    }

    @PostMapping("/v1/tenants/{tenant}/users")
    @ResponseStatus(HttpStatus.CREATED)
    MemberRoles addMember(EffectivePermissions caller, @PathVariable String tenant,
            @RequestBody(required = false) byte[] body) {
        String id = TenantNames.requireTenantId(tenant);
        return withBody(body, members -> {
            String userId = BadRequest.optionalText(members, "user_id");
            String email = BadRequest.optionalText(members, "email");
            if ((userId == null || userId.isBlank()) && (email == null || email.isBlank())) {
                throw new BadRequest("'user_id' or 'email' must be a non-empty string.");
            }
            List<String> roles = BadRequest.requireStrings(members, "roles");
            return () -> administration().addMember(caller, id, userId, email, roles);
        }, () -> administration().checkAccess(caller, id, TenantOperation.MANAGE_USERS));
    }

    @PutMapping("/v1/tenants/{tenant}/users/{userId}/roles")
    MemberRoles replaceRoles(EffectivePermissions caller, @PathVariable String tenant, @PathVariable String userId,
            @RequestBody(required = false) byte[] body) {
        String id = TenantNames.requireTenantId(tenant);
        return withBody(body, members -> {
            List<String> roles = BadRequest.requireStrings(members, "roles");
            return () -> administration().replaceRoles(caller, id, userId, roles);
        }, () -> administration().checkAccess(caller, id, TenantOperation.MANAGE_USERS));
    }

    @DeleteMapping("/v1/tenants/{tenant}/users/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(EffectivePermissions caller, @PathVariable String tenant, @PathVariable String userId) {
        administration().removeMember(caller, TenantNames.requireTenantId(tenant), userId);
    }

    @PostMapping("/v1/tenants/{tenant}/users/bulk-roles")
    ResponseEntity<?> bulkRoles(EffectivePermissions caller, @PathVariable String tenant,
            @RequestBody(required = false) byte[] body) {
        String id = TenantNames.requireTenantId(tenant);
        try {
            BulkResult result = withBody(body, members -> {
                List<String> userIds = BadRequest.requireStrings(members, "user_ids");
                List<String> roles = BadRequest.requireStrings(members, "roles");
                BulkMode mode = bulkMode(members);
                return () -> administration().bulkRoles(caller, id, userIds, roles, mode);
            }, () -> administration().checkAccess(caller, id, TenantOperation.MANAGE_USERS));
            return ResponseEntity.ok(result);
        } catch (BulkRejectedException rejected) {
            return refusalListing(rejected, "problems", rejected.problems());
        }
    }

    /**
     * Imports users from the CSV file that is the body. The body is read in full before anything else (so that a
     * client sending a large file gets the answer), but kept only up to the import's size limit.
     */
    @PostMapping("/v1/tenants/{tenant}/users/import")
    ResponseEntity<?> importUsers(EffectivePermissions caller, @PathVariable String tenant,
            HttpServletRequest request) throws IOException {
        String id = TenantNames.requireTenantId(tenant);
        // the query string alone: a form-encoded body must never be taken for parameters
        String dryRun = queryParameter(request.getQueryString(), "dry_run");
        ImportBody body = ImportBody.read(request.getInputStream());
        if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
            administration().checkAccess(caller, id, TenantOperation.MANAGE_USERS);
            throw new AuthException(new Problem(Problem.Status.BAD_REQUEST, "invalid_parameter",
                    "Invalid request parameter", "'dry_run' must be true or false.", null));
        }
        Function<Collection<String>, ImportValidation> parser = roles -> body.tooLarge() ? body.tooLargeOutcome()
                : TenantCsvImport.parse(body.bytes(), roles);
        try {
            ImportResult result = administration().importUsers(caller, id, parser, "true".equals(dryRun));
            return ResponseEntity.ok(result);
        } catch (ImportRejectedException rejected) {
            return refusalListing(rejected, "errors", rejected.errors());
        }
    }

    @GetMapping("/v1/tenants/{tenant}/invitations")
    List<InvitationView> invitations(EffectivePermissions caller, @PathVariable String tenant) {
        return administration().listInvitations(caller, TenantNames.requireTenantId(tenant));
    }

    @DeleteMapping("/v1/tenants/{tenant}/invitations/{email}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeInvitation(EffectivePermissions caller, @PathVariable String tenant, @PathVariable String email) {
        administration().revokeInvitation(caller, TenantNames.requireTenantId(tenant), email);
    }

    /** Explains a decision; a missing permission is refused by the administration as a malformed one. */
    @GetMapping("/v1/tenants/{tenant}/access")
    TenantViews.Access access(EffectivePermissions caller, @PathVariable String tenant,
            @RequestParam(required = false) String permission,
            @RequestParam(name = "user_id", required = false) String userId) {
        AccessExplanation explanation = administration().explain(caller, TenantNames.requireTenantId(tenant),
                permission == null ? "" : permission, userId);
        return TenantViews.Access.of(explanation);
    }

    private TenantAdministration administration() {
        return auth.tenantAdministration();
    }

    /**
     * Runs an administration call on the members of a JSON body. A body this endpoint cannot take is refused only
     * after the caller passed the operation's own checks, which come first: {@code checkAccess} runs them, reading
     * and changing nothing else, then the body's 400 is thrown.
     *
     * @param read        reads the members (throwing {@link BadRequest}) into the call to make
     * @param checkAccess the operation's access checks alone
     */
    private <T> T withBody(byte[] body, Function<Map<String, Object>, Supplier<T>> read, Runnable checkAccess) {
        Supplier<T> call;
        try {
            call = read.apply(members(body));
        } catch (BadRequest refused) {
            checkAccess.run();
            throw refused;
        }
        return call.get();
    }

    /** The JSON object of a body, as UTF-8 whatever charset was declared. */
    private Map<String, Object> members(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequest(Problem.unreadableBody().details());
        }
        try {
            Map<String, Object> members = json.readValue(body, OBJECT);
            if (members == null) {
                throw new BadRequest(Problem.unreadableBody().details());
            }
            return members;
        } catch (JacksonException unreadable) {
            throw new BadRequest(Problem.unreadableBody().details());
        }
    }

    private static BulkMode bulkMode(Map<String, Object> members) {
        return switch (BadRequest.requireText(members, "mode")) {
            case "add" -> BulkMode.ADD;
            case "remove" -> BulkMode.REMOVE;
            case "replace" -> BulkMode.REPLACE;
            default -> throw new BadRequest("'mode' must be add, remove or replace.");
        };
    }

    /** The one value of a query parameter, decoded; null when absent. */
    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A refusal's envelope with one more member beside {@code error} listing what was wrong. */
    private static ResponseEntity<Map<String, Object>> refusalListing(AuthException refusal, String member,
            List<?> items) {
        Map<String, Object> body = new LinkedHashMap<>(ErrorResponseWriter.envelope(refusal.problem()));
        body.put(member, items);
        return ResponseEntity.status(refusal.problem().status().code()).contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").body(body);
    }
}
