package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Creates a store user together with what comes with a new account: memberships, knowledge base
 * grants, and a personal project named after the e-mail. Used at first login, by the Keycloak user import (which
 * creates each user as their first login would) and when an administrator creates a local user.
 */
public final class UserProvisioning {

    private UserProvisioning() {
    }

    /**
     * Creates the user a first login with these claimed permissions creates, in the caller's transaction: admin
     * when the claims hold {@code ADMIN_ROLE_NAME} or the subject is {@code ADMIN_USER_ID}; {@code MAINTAINER_USER_ID}
     * admin and maintainer; project limit null for admins, else {@code USER_PROJECT_LIMIT}; the user name from the
     * preferred user name, else the e-mail, else the id; memberships from the project lists, with the project-admin
     * flag for administered names and administered-only names kept as admin memberships; knowledge bases; the
     * personal project. The sign-in gate is the caller's to apply.
     *
     * @param authSource  written as {@code auth_source}
     * @param lastLoginAt written as {@code last_login_at}, or null for a user who has not signed in
     * @return the created user; empty, with nothing written, when a user with the same id, user name or e-mail exists
     */
    public static Optional<StoredUser> provisionFirstLogin(AuthSettings settings, StoreTransaction transaction,
            EffectivePermissions claimed, String authSource, Instant lastLoginAt) {
        StoredUser user = newUser(settings, claimed, authSource, lastLoginAt);
        return provision(transaction, user, memberships(claimed), claimed.knowledgeBases())
                ? Optional.of(user) : Optional.empty();
    }

    /**
     * Inserts the user, its personal project, then its memberships (creating unknown projects as shared projects
     * without a creator) and its knowledge bases, all in the caller's transaction. Duplicate memberships or
     * grants are ignored. Returns false, and writes nothing, when a user with the same id, user name or e-mail
     * exists.
     */
    public static boolean provision(StoreTransaction transaction, StoredUser user,
            Collection<ProjectMembership> memberships, Collection<String> knowledgeBases) {
        if (!transaction.insertUser(user)) {
            return false;
        }
        // First, so that an IdP project list naming the e-mail (Keycloak often sends "a@x.com,proj-a") joins the
        // personal project instead of creating a shared one in its place.
        addPersonalProject(transaction, user);
        for (ProjectMembership membership : memberships) {
            if (transaction.findProject(membership.project()).isEmpty()) {
                transaction.insertProject(new Project(membership.project(), ProjectType.SHARED, null, null, null));
            }
            transaction.addMembership(membership);
        }
        for (String knowledgeBase : knowledgeBases) {
            transaction.addKnowledgeBase(user.id(), knowledgeBase);
        }
        return true;
    }

    private static StoredUser newUser(AuthSettings settings, EffectivePermissions claimed, String authSource,
            Instant lastLoginAt) {
        UserIdentity identity = claimed.identity();
        String id = identity.id();
        boolean maintainer = settings.isConfiguredMaintainer(id);
        boolean admin = maintainer || claimed.hasRole(settings.adminRoleName()) || settings.isConfiguredAdmin(id);
        String username = firstNonEmpty(identity.username(), identity.email(), id);
        String email = identity.email() == null || identity.email().isEmpty() ? null : identity.email();
        return new StoredUser(id, username, email, identity.name(), identity.picture(), identity.userType(), true, null,
                admin, maintainer, admin ? null : settings.userProjectLimit(), authSource, lastLoginAt);
    }

    /** Plain memberships with the admin flag for names also administered, then administered-only names, kept. */
    private static List<ProjectMembership> memberships(EffectivePermissions claimed) {
        List<ProjectMembership> memberships = new ArrayList<>();
        for (String project : claimed.projects()) {
            memberships.add(new ProjectMembership(claimed.id(), project, claimed.adminProjects().contains(project)));
        }
        for (String project : claimed.adminProjects()) {
            if (!claimed.projects().contains(project)) {
                memberships.add(new ProjectMembership(claimed.id(), project, true));
            }
        }
        return memberships;
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        throw new IllegalArgumentException("no non-empty value");
    }

    private static void addPersonalProject(StoreTransaction transaction, StoredUser user) {
        if (user.email() == null || user.email().isEmpty()) {
            return;
        }
        Project personal = new Project(user.email(), ProjectType.PERSONAL, user.id(), null, null);
        transaction.insertProject(personal);
        // Only join a project that really is this user's own: a shared project that happens to carry the name
        // of the e-mail must not be opened to whoever signs in with that address.
        if (transaction.findProject(user.email()).filter(personal::equals).isPresent()) {
            transaction.addMembership(new ProjectMembership(user.id(), user.email(), false));
        }
    }
}
