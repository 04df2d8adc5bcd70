package ai.codemie.auth.jdbc;

/** The statements of the tenant tables of version 2 of the schema, written once for a schema and dialect. */
final class TenantSql {

    /** Why the schema cannot hold tenants (its tenant tables are missing), or null when it can. */
    final String missingTables;

    final String findTenant;
    final String listTenants;
    final String insertTenant;
    final String renameTenant;
    final String setBoundary;
    final String roles;
    final String insertRole;
    final String updateRole;
    final String renameRole;
    final String deleteRole;
    final String membershipsOf;
    final String members;
    final String addMember;
    final String removeMember;
    final String heldRoles;
    final String addMemberRole;
    final String removeMemberRole;
    final String invitationsOf;
    final String invitationsFor;
    final String insertInvitation;
    final String addInvitationRole;
    final String revokeInvitation;
    final String joinedDefault;
    /**
     * On PostgreSQL: {@link #membershipsOf}, then {@link #joinedDefault} of the same user, sent together in one
     * round trip; null elsewhere.
     */
    final String membershipsWithMarker;
    final String markJoinedDefault;

    /** @param missingTables why the schema cannot hold tenants, or null when it has the tenant tables */
    TenantSql(String schema, Dialect dialect, String missingTables) {
        this.missingTables = missingTables;
        String tenants = schema + ".codemie_auth_tenants";
        String roleTable = schema + ".codemie_auth_tenant_roles";
        String memberTable = schema + ".codemie_auth_tenant_members";
        String memberRoles = schema + ".codemie_auth_tenant_member_roles";
        String invitations = schema + ".codemie_auth_tenant_invitations";
        String invitationRoles = schema + ".codemie_auth_tenant_invitation_roles";
        String joined = schema + ".codemie_auth_default_tenant_joined";

        String selectTenants = "SELECT id, display_name, boundary FROM " + tenants;
        findTenant = selectTenants + " WHERE id = ?";
        listTenants = selectTenants + " ORDER BY id";
        insertTenant = dialect.insertUnlessDuplicate("INSERT INTO " + tenants
                + " (id, display_name, boundary, created_at) VALUES (?, ?, ?, ?)");
        renameTenant = "UPDATE " + tenants + " SET display_name = ? WHERE id = ?";
        setBoundary = "UPDATE " + tenants + " SET boundary = ? WHERE id = ?";

        // role ids are time-ordered: ordering by id is creation order
        roles = "SELECT id, name, description, patterns FROM " + roleTable + " WHERE tenant_id = ? ORDER BY id";
        insertRole = dialect.insertUnlessDuplicate("INSERT INTO " + roleTable
                + " (id, tenant_id, name, name_key, description, patterns) VALUES (?, ?, ?, ?, ?, ?)");
        updateRole = "UPDATE " + roleTable + " SET description = ?, patterns = ? WHERE tenant_id = ? AND name_key = ?";
        renameRole = "UPDATE " + roleTable + " SET name = ?, name_key = ? WHERE tenant_id = ? AND name_key = ?";
        deleteRole = "DELETE FROM " + roleTable + " WHERE tenant_id = ? AND name_key = ?";

        String selectMembers = "SELECT m.tenant_id, m.user_id, r.name FROM " + memberTable + " m LEFT JOIN "
                + memberRoles + " mr ON mr.tenant_id = m.tenant_id AND mr.user_id = m.user_id LEFT JOIN " + roleTable
                + " r ON r.id = mr.role_id";
        membershipsOf = selectMembers + " WHERE m.user_id = ? ORDER BY m.tenant_id, r.id";
        members = selectMembers + " WHERE m.tenant_id = ? ORDER BY m.user_id, r.id";
        addMember = dialect.insertUnlessDuplicate("INSERT INTO " + memberTable + " (tenant_id, user_id) VALUES (?, ?)");
        removeMember = "DELETE FROM " + memberTable + " WHERE tenant_id = ? AND user_id = ?";
        heldRoles = "SELECT role_id FROM " + memberRoles + " WHERE tenant_id = ? AND user_id = ?";
        addMemberRole = dialect.insertUnlessDuplicate("INSERT INTO " + memberRoles
                + " (tenant_id, user_id, role_id) VALUES (?, ?, ?)");
        removeMemberRole = "DELETE FROM " + memberRoles + " WHERE tenant_id = ? AND user_id = ? AND role_id = ?";

        String selectInvitations = "SELECT i.tenant_id, i.email, i.name, r.name FROM " + invitations + " i LEFT JOIN "
                + invitationRoles + " ir ON ir.tenant_id = i.tenant_id AND ir.email_key = i.email_key LEFT JOIN "
                + roleTable + " r ON r.id = ir.role_id";
        invitationsOf = selectInvitations + " WHERE i.tenant_id = ? ORDER BY i.email_key, r.id";
        invitationsFor = selectInvitations + " WHERE i.email_key = ? ORDER BY i.tenant_id, r.id";
        insertInvitation = dialect.insertUnlessDuplicate("INSERT INTO " + invitations
                + " (tenant_id, email_key, email, name) VALUES (?, ?, ?, ?)");
        addInvitationRole = "INSERT INTO " + invitationRoles + " (tenant_id, email_key, role_id) VALUES (?, ?, ?)";
        revokeInvitation = "DELETE FROM " + invitations + " WHERE tenant_id = ? AND email_key = ?";

        joinedDefault = "SELECT user_id FROM " + joined + " WHERE user_id = ?";
        markJoinedDefault = dialect.insertUnlessDuplicate("INSERT INTO " + joined
                + " (user_id, joined_at) VALUES (?, ?)");
        membershipsWithMarker = dialect == Dialect.POSTGRESQL ? membershipsOf + "; " + joinedDefault : null;
    }
}
