package ai.codemie.auth.resolve;

import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import java.util.Collection;

/**
 * Creates a store user together with what comes with a new account: memberships, knowledge base
 * grants, and a personal project named after the e-mail. Used at first login and when an administrator creates a
 * local user.
 */
public final class UserProvisioning {

    private UserProvisioning() {
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
