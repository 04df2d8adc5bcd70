package ai.codemie.auth.bench;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.model.UserIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The generated tenants and members of the tenant scenarios, from a fixed seed: {@value #TENANTS} tenants, each with
 * {@value #ROLES_PER_TENANT} roles of {@value #PATTERNS_PER_ROLE} patterns and a boundary that leaves out a third of
 * the resources; every user is a member of {@value #TENANTS_PER_USER} of them with {@value #ROLES_PER_USER} roles
 * in each. The data is kept as text, as a store holds it, so that every contender loads the same.
 */
public final class TenantPopulation {

    static final int TENANTS = 6;
    static final int TENANTS_PER_USER = 5;
    static final int ROLES_PER_TENANT = 24;
    static final int ROLES_PER_USER = 20;
    static final int PATTERNS_PER_ROLE = 50;
    static final int INSTANCES_PER_RESOURCE = 40;

    private static final List<String> NAMED_RESOURCES = List.of("agent", "process", "knowledge", "workflow",
            "datasource", "integration", "assistant", "prompt", "evaluation", "report", "tenant.users",
            "tenant.roles");

    /** The platform's resources and, to make the vocabulary as wide as a real one, a service's own. */
    static final List<String> RESOURCES = IntStream.range(0, 40).mapToObj(i -> i < NAMED_RESOURCES.size()
            ? NAMED_RESOURCES.get(i) : String.format("app-%02d", i)).toList();
    static final List<String> ACTIONS = List.of("view", "chat", "run", "create", "edit", "delete", "ingest",
            "manage");

    /** A tenant as stored: id, boundary patterns and roles (name to patterns), all as text. */
    public record Tenant(String id, List<String> boundary, Map<String, List<String>> roles) {
    }

    /** A user's memberships as stored: tenant id to the names of the roles held there. */
    public record Member(String id, Map<String, List<String>> roles) {

        /** The definition of the effective permission, written out on the stored text: the ground truth. */
        public boolean mayDo(List<Tenant> tenants, String tenant, String resource, String action, String instance) {
            List<String> held = roles.get(tenant);
            if (held == null) {
                return false;
            }
            Tenant definition = tenants.stream().filter(t -> t.id().equals(tenant)).findFirst().orElseThrow();
            return held.stream().flatMap(role -> definition.roles().get(role).stream())
                    .anyMatch(pattern -> matches(pattern, resource, action, instance))
                    && definition.boundary().stream().anyMatch(pattern -> matches(pattern, resource, action, instance));
        }
    }

    final List<Tenant> tenants;
    final List<Member> members;

    private TenantPopulation(List<Tenant> tenants, List<Member> members) {
        this.tenants = tenants;
        this.members = members;
    }

    /** {@code users} members over the same tenants, from {@code random}. */
    static TenantPopulation generate(int users, Random random) {
        List<Tenant> tenants = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            List<String> resources = new ArrayList<>(RESOURCES);
            Collections.shuffle(resources, random);
            List<String> boundary = new ArrayList<>();
            resources.subList(0, RESOURCES.size() * 2 / 3).forEach(resource -> boundary.add(resource + ":*"));
            // a few single instances of the resources left out
            resources.subList(RESOURCES.size() * 2 / 3, RESOURCES.size())
                    .forEach(resource -> boundary.add(resource + ":view:" + instance(resource, random)));
            Map<String, List<String>> roles = new LinkedHashMap<>();
            for (int r = 0; r < ROLES_PER_TENANT; r++) {
                roles.put(String.format("Role %02d", r), rolePatterns(r == 0, random));
            }
            tenants.add(new Tenant("tenant-" + t, List.copyOf(boundary), roles));
        }
        List<Member> members = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Map<String, List<String>> held = new LinkedHashMap<>();
            int skipped = u % TENANTS;
            for (int t = 0; t < TENANTS; t++) {
                if (t != skipped) {
                    List<String> names = new ArrayList<>(tenants.get(t).roles().keySet());
                    Collections.shuffle(names, random);
                    held.put(tenants.get(t).id(), List.copyOf(names.subList(0, ROLES_PER_USER)));
                }
            }
            members.add(new Member(Population.subject(u), held));
        }
        return new TenantPopulation(tenants, members);
    }

    /** Each tenant parsed once, shared by its members, as a cache of tenant definitions holds it. */
    Map<String, TenantDefinition> definitions() {
        Map<String, TenantDefinition> definitions = new HashMap<>();
        for (Tenant tenant : tenants) {
            List<TenantRole> roles = tenant.roles().entrySet().stream()
                    .map(role -> new TenantRole(role.getKey(), PermissionPattern.parseAll(role.getValue()))).toList();
            definitions.put(tenant.id(), TenantDefinition.of(tenant.id(), PermissionPattern.parseAll(tenant.boundary()),
                    roles));
        }
        return definitions;
    }

    /** A member's permissions: identity and memberships, the rest empty. */
    static EffectivePermissions permissions(Member member, Map<String, TenantDefinition> definitions) {
        List<TenantAccess> memberships = member.roles().entrySet().stream()
                .map(held -> definitions.get(held.getKey()).access(held.getValue())).toList();
        return EffectivePermissions.builder(new UserIdentity(new String(member.id().toCharArray()), null, null, null,
                null, UserIdentity.REGULAR)).tenants(memberships).build();
    }

    /**
     * A permission for a request of the member in a tenant, as {@code resource:action} or
     * {@code resource:action:instance}: half of the time one of their patterns made concrete (allowed, unless the
     * boundary leaves it out), otherwise any permission (mostly one no role grants).
     */
    String requestedPermission(Member member, String tenant, Random random) {
        List<String> held = member.roles().get(tenant);
        if (held != null && random.nextBoolean()) {
            Tenant definition = tenants.stream().filter(t -> t.id().equals(tenant)).findFirst().orElseThrow();
            List<String> patterns = definition.roles().get(held.get(random.nextInt(held.size())));
            String[] parts = patterns.get(random.nextInt(patterns.size())).split(":");
            String resource = parts[0].equals("*") ? pick(RESOURCES, random) : parts[0];
            String action = parts[1].equals("*") ? pick(ACTIONS, random) : parts[1];
            String instance = parts.length == 3 && !parts[2].equals("*") ? parts[2]
                    : random.nextBoolean() ? instance(resource, random) : null;
            return resource + ":" + action + (instance == null ? "" : ":" + instance);
        }
        String resource = pick(RESOURCES, random);
        return resource + ":" + pick(ACTIONS, random) + ":" + instance(resource, random);
    }

    /** Whether the pattern text matches the permission's parts (instance null when it names none). */
    static boolean matches(String pattern, String resource, String action, String instance) {
        String[] parts = pattern.split(":");
        return part(parts[0], resource) && part(parts[1], action)
                && (parts.length == 2 || parts[2].equals("*") || parts[2].equals(instance));
    }

    private static boolean part(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /**
     * {@value #PATTERNS_PER_ROLE} distinct patterns: mostly one instance, then whole actions and whole resources;
     * the first role of a tenant may also view anything.
     */
    private static List<String> rolePatterns(boolean viewer, Random random) {
        Set<String> patterns = new LinkedHashSet<>();
        if (viewer) {
            patterns.add("*:view");
        }
        while (patterns.size() < PATTERNS_PER_ROLE) {
            String resource = pick(RESOURCES, random);
            int kind = random.nextInt(100);
            patterns.add(kind < 85 ? resource + ":" + pick(ACTIONS, random) + ":" + instance(resource, random)
                    : kind < 99 ? resource + ":" + pick(ACTIONS, random)
                    : resource + ":*");
        }
        return List.copyOf(patterns);
    }

    private static String instance(String resource, Random random) {
        return resource.replace('.', '-') + "-" + String.format("%03d", random.nextInt(INSTANCES_PER_RESOURCE));
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
