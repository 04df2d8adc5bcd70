package ai.codemie.auth.resolve;

import ai.codemie.auth.store.InvalidStoreDataException;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectNames;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredText;
import ai.codemie.auth.store.StoredUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a store user together with what comes with a new account: memberships, knowledge base grants, and a
 * personal project named after the e-mail. Used at first login, by the Keycloak user import (which creates each user
 * as their first login would) and when an administrator creates a local user.
 *
 * <p>The project and knowledge base names come from an identity provider, which the store trusts to grant them but
 * not to name them well, so each name passes these rules or is left out with a warning (never failing the whole
 * account):
 * <ul>
 *   <li>every name must fit its column ({@link StoredText#PROJECT_NAME}, {@link StoredText#KNOWLEDGE_BASE});</li>
 *   <li>a project the store does not know is created, as a shared project without a creator, under the name the
 *       provider gave, unless that name is hostile ({@link ProjectNames#grantedNameProblem}): the provider's grant
 *       is what the user had before the store, so the API's stricter rule for new names does not apply;</li>
 *   <li>a project the store knows is joined as it is, except another user's personal project, whose only member
 *       is its owner.</li>
 * </ul>
 */
final class UserProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(UserProvisioning.class);

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
        UserIdentity identity = claimed.identity();
        String email = identity.email() == null || identity.email().isEmpty() ? null : identity.email();
        return provisionFirstLogin(settings, transaction, claimed, firstNonEmpty(identity.username(), email,
                identity.id()), email, authSource, lastLoginAt);
    }

    /**
     * As {@link #provisionFirstLogin(AuthSettings, StoreTransaction, EffectivePermissions, String, Instant)}, with the
     * user name and e-mail the caller chose (first login gives way to users who hold the claimed ones).
     *
     * @param email null for none
     */
    public static Optional<StoredUser> provisionFirstLogin(AuthSettings settings, StoreTransaction transaction,
            EffectivePermissions claimed, String username, String email, String authSource, Instant lastLoginAt) {
        UserIdentity identity = claimed.identity();
        String id = identity.id();
        boolean maintainer = settings.isConfiguredMaintainer(id);
        boolean admin = maintainer || claimed.hasRole(settings.get(AuthSettings.ADMIN_ROLE_NAME)) || settings.isConfiguredAdmin(id);
        StoredUser user = StoredUser.builder(id, username)
                .email(email)
                .name(identity.name())
                .picture(identity.picture())
                .userType(identity.userType())
                .roles(admin, maintainer, admin ? null : settings.get(AuthSettings.USER_PROJECT_LIMIT))
                .authSource(authSource)
                .lastLoginAt(lastLoginAt)
                .build();
        return provision(transaction, user, memberships(claimed), claimed.knowledgeBases())
                ? Optional.of(user) : Optional.empty();
    }

    /**
     * Inserts the user, its personal project, then its memberships and its knowledge bases as the class describes,
     * all in the caller's transaction. Duplicate memberships or grants are ignored. Returns false, and writes
     * nothing, when a user with the same id, user name or e-mail exists.
     *
     * @throws InvalidStoreDataException when the user's name, e-mail, user name or picture does not fit its column;
     *                                   nothing is written
     */
    public static boolean provision(StoreTransaction transaction, StoredUser user,
            Collection<ProjectMembership> memberships, Collection<String> knowledgeBases) {
        requireStorable(user.id(), "user name", StoredText.USERNAME, user.username());
        requireStorable(user.id(), "e-mail", StoredText.EMAIL, user.email());
        requireStorable(user.id(), "name", StoredText.NAME, user.name());
        requireStorable(user.id(), "picture", StoredText.PICTURE, user.picture());
        if (!transaction.users().insert(user)) {
            return false;
        }
        // First, so that an IdP project list naming the e-mail (Keycloak often sends "a@x.com,proj-a") joins the
        // personal project instead of creating a shared one in its place.
        addPersonalProject(transaction, user);
        // the checks first (they may create projects), then the memberships and grants each in one set-based write
        transaction.projects().addMembers(memberships.stream()
                .filter(membership -> joinable(transaction, user, membership.project())).toList());
        transaction.users().grantKnowledgeBases(user.id(), knowledgeBases.stream()
                .filter(knowledgeBase -> grantable(user, knowledgeBase)).toList());
        return true;
    }

    private static boolean grantable(StoredUser user, String knowledgeBase) {
        Optional<String> problem = StoredText.KNOWLEDGE_BASE.problem(knowledgeBase);
        problem.ifPresent(reason -> LOG.warn("Not granting knowledge base {} to user {}: the name {}",
                StoredText.quoted(knowledgeBase), user.id(), reason));
        return problem.isEmpty();
    }

    private static void requireStorable(String userId, String field, StoredText column, String value) {
        Optional<String> problem = column.problem(value);
        if (problem.isPresent()) {
            throw new InvalidStoreDataException("The " + field + " of user " + userId + " " + problem.get());
        }
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
        transaction.projects().insert(personal);
        // Only join a project that really is this user's own: a shared project that happens to carry the name
        // of the e-mail must not be opened to whoever signs in with that address.
        Project named = transaction.projects().find(user.email()).orElseThrow();
        if (named.equals(personal)) {
            transaction.projects().addMember(new ProjectMembership(user.id(), user.email(), false));
        } else {
            LOG.warn("User {} gets no personal project: the {} project {} named after its e-mail exists already "
                    + "(created by {}); renaming that project in the store frees the name", user.id(),
                    named.type().value(), StoredText.quoted(named.name()), named.createdBy());
        }
    }

    /**
     * Whether the user may join the project an identity provider listed, creating it as a shared project when the
     * store does not know it; logs why not.
     */
    private static boolean joinable(StoreTransaction transaction, StoredUser user, String name) {
        Optional<String> problem = ProjectNames.grantedNameProblem(name);
        Optional<Project> known = problem.isPresent() ? Optional.empty() : transaction.projects().find(name);
        if (problem.isEmpty() && known.isEmpty()) {
            transaction.projects().insert(new Project(name, ProjectType.SHARED, null, null, null));
            return true;
        }
        if (problem.isPresent()) {
            LOG.warn("Not adding user {} to project {} listed by the identity provider: {}", user.id(),
                    StoredText.quoted(name), problem.get());
            return false;
        }
        Project project = known.orElseThrow();
        if (project.type() == ProjectType.PERSONAL && !user.id().equals(project.createdBy())) {
            LOG.warn("Not adding user {} to project {} listed by the identity provider: it is the personal project "
                    + "of user {}", user.id(), StoredText.quoted(name), project.createdBy());
            return false;
        }
        return true;
    }
}
