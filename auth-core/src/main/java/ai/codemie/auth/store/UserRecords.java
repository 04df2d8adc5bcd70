package ai.codemie.auth.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The users of one {@link StoreTransaction}, with their knowledge base grants. */
public interface UserRecords {

    /** The user with this id, active or not. */
    Optional<StoredUser> find(String id);

    /** The user with this e-mail, compared exactly. */
    Optional<StoredUser> findByEmail(String email);

    /** The users with these ids, active or not, in no particular order; an id no user has is left out. */
    List<StoredUser> findAll(Collection<String> ids);

    /**
     * The users whose e-mail is one of these, compared ignoring case (two users may then share one), in no particular
     * order; whatever the number of e-mails, in a few reads.
     */
    List<StoredUser> findByEmailsIgnoringCase(Collection<String> emails);

    /** The user with this user name, compared exactly. */
    Optional<StoredUser> findByUsername(String username);

    /**
     * The user with this id, locked until the transaction ends (a row lock in a database): concurrent
     * transactions that lock the same user wait. Used to serialise project-limit checks and role changes.
     */
    Optional<StoredUser> lock(String id);

    /**
     * Every usable admin, each locked until the transaction ends; used so that two concurrent demotions or
     * deactivations cannot remove the last admin together.
     */
    List<StoredUser> lockUsableAdmins();

    /**
     * Every usable maintainer ({@code is_maintainer}), each locked until the transaction ends; used so that two
     * concurrent demotions or deactivations cannot remove the last maintainer together.
     */
    List<StoredUser> lockUsableMaintainers();

    /**
     * One page of the users, active or not, ordered by user name: at most {@link UserPage#limit()} users whose user
     * name follows {@link UserPage#afterUsername()} (every user when it is null).
     */
    List<StoredUser> list(UserPage page);

    /** Every user, ordered by user name, read page by page with {@link #list(UserPage)}. */
    default List<StoredUser> listAll() {
        List<StoredUser> all = new ArrayList<>();
        UserPage page = UserPage.first();
        while (true) {
            List<StoredUser> users = list(page);
            all.addAll(users);
            if (users.size() < page.limit()) {
                return all;
            }
            page = page.after(users.get(users.size() - 1).username());
        }
    }

    /** Inserts the user unless one with the same id, user name or e-mail exists; true if it was inserted. */
    boolean insert(StoredUser user);

    /** Replaces the row of an existing user (same id). */
    void update(StoredUser user);

    /** The knowledge bases granted to the user, in insertion order. */
    List<String> knowledgeBases(String userId);

    /** Grants the knowledge base unless already granted; true if it was granted. */
    boolean grantKnowledgeBase(String userId, String knowledgeBase);

    /**
     * Grants each knowledge base, in order, unless already granted (names repeated in the collection are granted
     * once); a database store writes them in one batch.
     */
    void grantKnowledgeBases(String userId, Collection<String> knowledgeBases);

    /** Revokes the knowledge base; true if it was granted. */
    boolean revokeKnowledgeBase(String userId, String knowledgeBase);
}
