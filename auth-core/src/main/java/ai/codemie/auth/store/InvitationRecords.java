package ai.codemie.auth.store;

import java.util.Collection;
import java.util.List;

/**
 * The invitations of one {@link StoreTransaction}: placeholder memberships for e-mails that no user has yet,
 * compared ignoring case. A role deleted from the tenant is taken from its invitations too.
 */
public interface InvitationRecords {

    /**
     * Creates the invitation unless the tenant has one for the same e-mail ignoring case; true if it was created.
     * Throws {@link InvalidStoreDataException} for an unknown tenant or role.
     */
    boolean insert(Invitation invitation);

    /**
     * Creates each invitation or, when its tenant has one for the e-mail already (ignoring case), gives that one the
     * roles it lacks, keeping its e-mail and name; in a few statements whatever the number of invitations. Returns how
     * many invitations were created or given roles. Throws {@link InvalidStoreDataException} for an unknown tenant or
     * role.
     */
    int merge(Collection<Invitation> invitations);

    /** The tenant's invitations, ordered by e-mail. */
    List<Invitation> list(String tenantId);

    /** The invitations of the e-mail, ignoring case, ordered by tenant id. */
    List<Invitation> forEmail(String email);

    /** Deletes the tenant's invitation of the e-mail, ignoring case; true if there was one. */
    boolean revoke(String tenantId, String email);

    /**
     * Turns every invitation of the e-mail (ignoring case) into a membership of the user with the invitation's roles
     * (added to a membership the user already has), and deletes them. Returns the invitations accepted; announces the
     * user when there was any.
     */
    List<Invitation> accept(String email, String userId);
}
