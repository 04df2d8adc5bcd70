package ai.codemie.auth.model;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller may do: an immutable value computed once per request (or taken from a cache) and safe to
 * share between threads.
 *
 * <p>Sets keep the order in which the identity provider or the store listed their members, have no
 * duplicates and answer {@code contains} in constant time, without allocating. Matching of project and knowledge
 * base names is exact and case-sensitive. Equal names are shared between values, so that many cached users with
 * the same projects store each name once.
 *
 * @param identity       who the caller is
 * @param roles          platform roles (for example {@code admin}, {@code developer}, {@code demo_user})
 * @param admin          whether the caller is a platform admin (always true for a maintainer)
 * @param maintainer     whether the caller is a maintainer (admin plus budget management)
 * @param external       whether the caller is an external user
 * @param projects       projects the caller is a member of ({@code applications}); in platform-managed mode
 *                       every membership, plain or admin
 * @param adminProjects  projects the caller administers ({@code applications_admin})
 * @param knowledgeBases knowledge bases the caller may use
 * @param projectLimit   how many shared projects the caller may have; null when unlimited or, in
 *                       Keycloak-managed mode, not applicable
 * @param tenants        every tenant the caller is a member of, by tenant id (in no particular order), with the
 *                       roles held there; empty where tenants are not used. Which tenant a request acts in is not
 *                       part of this value: it is an input of each tenant decision
 */
public record EffectivePermissions(
        UserIdentity identity,
        Set<String> roles,
        boolean admin,
        boolean maintainer,
        boolean external,
        Set<String> projects,
        Set<String> adminProjects,
        Set<String> knowledgeBases,
        Integer projectLimit,
        Map<String, TenantAccess> tenants) {

    /** The project a caller is placed in when they are a member of none. */
    public static final String DEMO_PROJECT = "demo";

    /** The role that marks demo users. */
    public static final String DEMO_USER_ROLE = "demo_user";

    public EffectivePermissions {
        Objects.requireNonNull(identity, "identity");
        roles = NameSet.copyOf(roles);
        projects = NameSet.copyOf(projects);
        adminProjects = NameSet.copyOf(adminProjects);
        knowledgeBases = NameSet.copyOf(knowledgeBases);
        if (maintainer) {
            admin = true; // a maintainer is always an admin
        }
        if (projectLimit != null && projectLimit < 0) {
            throw new IllegalArgumentException("projectLimit must be null or >= 0, was " + projectLimit);
        }
        tenants = copyTenants(tenants);
    }

    /** The caller's id, the token's subject. */
    public String id() {
        return identity.id();
    }

    /** Whether the caller holds the platform role, compared exactly. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether the caller may work in the project: admins and maintainers, members and project admins. */
    public boolean hasProjectAccess(String project) {
        // most callers administer no project: their empty set is known without reading it
        return admin || projects.contains(project)
                || (adminProjects != NameSet.EMPTY && adminProjects.contains(project));
    }

    /** Whether the caller holds an explicit project-admin grant for the project (global admin does not count). */
    public boolean isProjectAdmin(String project) {
        return adminProjects.contains(project);
    }

    /** Whether the caller may use the knowledge base: admins and maintainers, and explicit grants. */
    public boolean hasKnowledgeBaseAccess(String knowledgeBase) {
        return admin || knowledgeBases.contains(knowledgeBase);
    }

    /** The first member project, or {@value #DEMO_PROJECT} when there is none; implies no access to it. */
    public String currentProject() {
        return projects.isEmpty() ? DEMO_PROJECT : ((NameSet) projects).first();
    }

    /** Whether the caller holds the {@value #DEMO_USER_ROLE} role. */
    public boolean isDemoUser() {
        return roles.contains(DEMO_USER_ROLE);
    }

    /** The caller's membership of the tenant; empty when not a member of it. */
    public Optional<TenantAccess> tenant(String tenantId) {
        return Optional.ofNullable(tenants.get(Objects.requireNonNull(tenantId, "tenantId")));
    }

    /** A builder, for stores, mappers and tests. */
    public static Builder builder(UserIdentity identity) {
        return new Builder(identity);
    }

    /** A builder initialised from this value. */
    public Builder toBuilder() {
        return new Builder(identity).roles(roles).admin(admin).maintainer(maintainer).external(external)
                .projects(projects).adminProjects(adminProjects).knowledgeBases(knowledgeBases)
                .projectLimit(projectLimit).tenants(tenants.values());
    }

    /**
     * An immutable copy, each membership under its own tenant id. {@link Map#copyOf} keeps it to one flat array,
     * a third of an ordered map's size, for every cached user.
     */
    private static Map<String, TenantAccess> copyTenants(Map<String, TenantAccess> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        source.forEach((tenant, access) -> {
            if (!tenant.equals(access.tenantId())) {
                throw new IllegalArgumentException("the membership of the tenant '" + access.tenantId()
                        + "' is filed under '" + tenant + "'");
            }
        });
        return Map.copyOf(source);
    }

    /** The memberships by tenant id; a tenant twice is refused. */
    private static Map<String, TenantAccess> byTenant(Collection<TenantAccess> memberships) {
        Map<String, TenantAccess> byId = new HashMap<>();
        for (TenantAccess access : memberships) {
            if (byId.putIfAbsent(access.tenantId(), access) != null) {
                throw new IllegalArgumentException("two memberships of the tenant '" + access.tenantId() + "'");
            }
        }
        return byId;
    }

    /** Mutable builder for {@link EffectivePermissions}; not thread-safe. */
    public static final class Builder {
        private UserIdentity identity;
        private Collection<String> roles = Set.of();
        private boolean admin;
        private boolean maintainer;
        private boolean external;
        private Collection<String> projects = Set.of();
        private Collection<String> adminProjects = Set.of();
        private Collection<String> knowledgeBases = Set.of();
        private Integer projectLimit;
        private Collection<TenantAccess> tenants = List.of();

        private Builder(UserIdentity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
        }

        public Builder identity(UserIdentity value) { this.identity = Objects.requireNonNull(value); return this; }
        public Builder roles(Collection<String> value) { this.roles = value; return this; }
        public Builder admin(boolean value) { this.admin = value; return this; }
        public Builder maintainer(boolean value) { this.maintainer = value; return this; }
        public Builder external(boolean value) { this.external = value; return this; }
        public Builder projects(Collection<String> value) { this.projects = value; return this; }
        public Builder adminProjects(Collection<String> value) { this.adminProjects = value; return this; }
        public Builder knowledgeBases(Collection<String> value) { this.knowledgeBases = value; return this; }
        public Builder projectLimit(Integer value) { this.projectLimit = value; return this; }
        public Builder tenants(Collection<TenantAccess> value) { this.tenants = value; return this; }

        public EffectivePermissions build() {
            // copied here once; the constructor keeps a name set as it is
            return new EffectivePermissions(identity, NameSet.copyOf(roles), admin, maintainer, external,
                    NameSet.copyOf(projects), NameSet.copyOf(adminProjects), NameSet.copyOf(knowledgeBases),
                    projectLimit, byTenant(tenants));
        }
    }
}
