package ai.codemie.auth.admin.tenant;

/**
 * What a user import did, or with a dry run would have done.
 *
 * @param usersAdded          known users made members of the tenant
 * @param rolesAdded          roles newly given to users who were members already
 * @param placeholdersCreated invitations created for e-mail addresses no user has
 * @param unchanged           rows that changed nothing: a member, or a pending invitation, already holding every role
 *                            the row names
 * @param dryRun              whether nothing was written
 */
public record ImportResult(int usersAdded, int rolesAdded, int placeholdersCreated, int unchanged, boolean dryRun) {
}
