package ai.codemie.auth.policy;

import java.util.Set;

/**
 * Why a requirement was not met, as data: every reason has a stable {@link #code()} and the values it is
 * about, so that logs, clients and troubleshooting tools need not parse the human text.
 */
public sealed interface DenyReason {

    /** A stable snake_case code. */
    String code();

    /** The caller is neither an admin nor a maintainer. */
    record NotAdmin() implements DenyReason {
        public String code() { return "not_admin"; }
    }

    /** The caller is not a maintainer. */
    record NotMaintainer() implements DenyReason {
        public String code() { return "not_maintainer"; }
    }

    /** The caller does not hold the platform role. */
    record MissingRole(String role) implements DenyReason {
        public String code() { return "missing_role"; }
    }

    /** The caller is not a member (nor admin) of the project. */
    record NotProjectMember(String project) implements DenyReason {
        public String code() { return "not_project_member"; }
    }

    /** The caller does not administer the project. */
    record NotProjectAdmin(String project) implements DenyReason {
        public String code() { return "not_project_admin"; }
    }

    /** The caller has no grant for the knowledge base. */
    record NoKnowledgeBaseAccess(String knowledgeBase) implements DenyReason {
        public String code() { return "no_knowledge_base_access"; }
    }

    /** The caller holds none of the roles that let a user sign in. */
    record NoSignInRole(Set<String> signInRoles) implements DenyReason {
        public NoSignInRole {
            signInRoles = Set.copyOf(signInRoles);
        }

        public String code() { return "no_sign_in_role"; }
    }

    /** The decision itself failed; denied because errors fail closed. */
    record DecisionError(String error) implements DenyReason {
        public String code() { return "decision_error"; }
    }
}
