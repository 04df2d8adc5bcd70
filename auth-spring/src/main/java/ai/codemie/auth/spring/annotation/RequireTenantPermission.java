package ai.codemie.auth.spring.annotation;

import ai.codemie.auth.policy.RequirementKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only callers granted the permission {@code resource:action[:instance]} in the request's active tenant may call
 * the endpoint: members of the tenant holding a role there whose pattern matches it, within the tenant's boundary.
 * The active tenant is the tenant header's value ({@code X-Codemie-Tenant} unless configured otherwise), or the
 * default tenant without it. Refused with 400 when tenants are off, the header is not a tenant id, or the instance
 * is not a well-formed one (it may not be {@code *}); 403 {@code not_tenant_member}, {@code no_role_grants} or
 * {@code outside_tenant_boundary} otherwise.
 *
 * <pre>{@code
 * @PostMapping("/v1/agents/{agent}/chat")
 * @RequireTenantPermission(resource = "agent", action = "chat", instance = "agent")   // agent:chat:{agent}
 * }</pre>
 *
 * <p>On a controller class it applies to every handler method that carries no access annotation of its own; a
 * method's annotations replace the class's. Several access annotations on one method must all be met.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@RequirementOf(RequirementKind.TENANT_PERMISSION)
public @interface RequireTenantPermission {

    /** The resource, for example {@code agent}. */
    String resource();

    /** The action, for example {@code chat}. */
    String action();

    /**
     * The name of the path variable or request parameter that holds the instance the endpoint acts on; empty (the
     * default) when the permission names no instance.
     */
    String instance() default "";
}
