package ai.codemie.auth.store;

import java.util.List;
import java.util.Optional;

/**
 * The reads and writes of one store transaction. Every rule of the administration API runs inside one, so a
 * JDBC store can make each rule atomic: what was read and locked is still true when the writes commit.
 *
 * <p>A transaction object is used by one thread only and must not escape {@link UserStore#inTransaction}.
 * Methods throw {@link StoreUnavailableException} when the store fails, and {@link InvalidStoreDataException} when
 * it refuses a value it cannot hold.
 */
public interface StoreTransaction {

    /** The user with this id, active or not. */
    Optional<StoredUser> findUser(String id);

    /** The user with this e-mail, compared exactly. */
    Optional<StoredUser> findUserByEmail(String email);

    /** The user with this user name, compared exactly. */
    Optional<StoredUser> findUserByUsername(String username);

    /**
     * The user with this id, locked until the transaction ends (a row lock in a database): concurrent
     * transactions that lock the same user wait. Used to serialise project-limit checks and role changes.
     */
    Optional<StoredUser> lockUser(String id);

    /**
     * Every usable admin, each locked until the transaction ends; used so that two concurrent demotions or
     * deactivations cannot remove the last admin together.
     */
    List<StoredUser> lockUsableAdmins();

    /**
     * Every usable maintainer ({@code is_maintainer}), each locked until the transaction ends; used so that two
     * concurrent demotions or deactivations cannot remove the last maintainer together. Callers lock the usable
     * admins first, then the maintainers, then single users, so that no two transactions wait for each other.
     */
    List<StoredUser> lockUsableMaintainers();

    /** Every user, ordered by user name. */
    List<StoredUser> listUsers();

    /** Inserts the user unless one with the same id, user name or e-mail exists; true if it was inserted. */
    boolean insertUser(StoredUser user);

    /** Replaces the row of an existing user (same id). */
    void updateUser(StoredUser user);

    /** The user's project memberships, in insertion order. */
    List<ProjectMembership> memberships(String userId);

    /** The members of a project, in insertion order. */
    List<ProjectMembership> projectMembers(String project);

    /** Adds the membership unless the user is already a member; true if it was added. */
    boolean addMembership(ProjectMembership membership);

    /** Removes the membership; true if there was one. */
    boolean removeMembership(String userId, String project);

    /** The knowledge bases granted to the user, in insertion order. */
    List<String> knowledgeBases(String userId);

    /** Grants the knowledge base unless already granted; true if it was granted. */
    boolean addKnowledgeBase(String userId, String knowledgeBase);

    /** Revokes the knowledge base; true if it was granted. */
    boolean revokeKnowledgeBase(String userId, String knowledgeBase);

    /** The project with this exact name, deleted or not. */
    Optional<Project> findProject(String name);

    /** Inserts the project unless one with the same name exists; true if it was inserted. */
    boolean insertProject(Project project);

    /** How many shared, not deleted projects the user is a member of. */
    int countSharedMemberships(String userId);

    /** How many shared, not deleted projects the user created. */
    int countCreatedSharedProjects(String userId);

    /**
     * Records that the user's effective permissions change with this transaction, so that every replica's cache
     * drops them once it commits (for a database, a notification sent at commit).
     */
    void publishChange(String userId);
}
