package ai.codemie.auth.jdbc;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The statements of the store, written once for a schema and dialect. The platform's tables may carry
 * {@code date} / {@code update_date} and {@code email_verified} columns without defaults; when a table has them
 * the store fills them, so that its inserts satisfy the platform's NOT NULL constraints.
 */
final class StoreSql {

    /** The columns of a {@link ai.codemie.auth.store.StoredUser}, in the order the store binds and reads them. */
    static final String USER_COLUMNS = "id, username, email, name, picture, user_type, is_active, deleted_at,"
            + " is_admin, is_maintainer, project_limit, auth_source, last_login_at";

    final String findUser;
    final String findUserByEmail;
    /** Followed by as many {@code ?} as keys, comma-separated, and {@code )}. */
    final String findUsersByIdIn;
    /** Followed by as many {@code ?} as lower-case e-mails, comma-separated, and {@code )}. */
    final String findUsersByEmailKeyIn;
    final String findUserByUsername;
    final String lockUser;
    /**
     * On PostgreSQL: {@link #lockUser}, then {@link #memberships} and {@link #knowledgeBases} of the same user, sent
     * together in one round trip; null elsewhere.
     */
    final String lockUserWithLinks;
    final String lockUsableAdmins;
    final String lockUsableMaintainers;
    final String listUsers;
    final String listUsersAfter;
    final String insertUser;
    final String updateUser;
    final String memberships;
    final String projectMembers;
    final String addMembership;
    final String removeMembership;
    final String knowledgeBases;
    final String addKnowledgeBase;
    final String revokeKnowledgeBase;
    final String findProject;
    final String insertProject;
    final String countSharedMemberships;
    final String countCreatedSharedProjects;

    /** Whether each table has the platform's timestamp columns, which the store then sets. */
    final boolean usersStamped;
    final boolean usersHaveEmailVerified;
    final boolean membershipsStamped;
    final boolean knowledgeBasesStamped;
    final boolean projectsStamped;

    StoreSql(String schema, Dialect dialect, Map<String, Set<String>> columns) {
        usersStamped = stamped(columns, "users");
        usersHaveEmailVerified = columns.get("users").contains("email_verified");
        membershipsStamped = stamped(columns, "user_projects");
        knowledgeBasesStamped = stamped(columns, "user_knowledge_bases");
        projectsStamped = stamped(columns, "applications");

        String users = schema + ".users";
        String selectUsers = "SELECT " + USER_COLUMNS + " FROM " + users;
        findUser = selectUsers + " WHERE id = ?";
        findUserByEmail = selectUsers + " WHERE email = ?";
        findUsersByIdIn = selectUsers + " WHERE id IN (";
        findUsersByEmailKeyIn = selectUsers + " WHERE LOWER(email) IN (";
        findUserByUsername = selectUsers + " WHERE username = ?";
        lockUser = findUser + " FOR UPDATE";
        // ordered, so that transactions locking several admins or maintainers take the locks in one order and cannot
        // deadlock; the maintainers are a subset of the admins locked first
        String usable = " AND is_active AND deleted_at IS NULL ORDER BY id FOR UPDATE";
        lockUsableAdmins = selectUsers + " WHERE (is_admin OR is_maintainer)" + usable;
        lockUsableMaintainers = selectUsers + " WHERE is_maintainer" + usable;
        String page = " ORDER BY username, id LIMIT ?";
        listUsers = selectUsers + page;
        listUsersAfter = selectUsers + " WHERE username > ?" + page;
        insertUser = dialect.insertUnlessDuplicate("INSERT INTO " + users + " (" + USER_COLUMNS
                + (usersHaveEmailVerified ? ", email_verified" : "") + stampColumns(usersStamped) + ") VALUES ("
                + placeholders(13 + (usersHaveEmailVerified ? 1 : 0) + (usersStamped ? 2 : 0)) + ")");
        updateUser = "UPDATE " + users + " SET username = ?, email = ?, name = ?, picture = ?, user_type = ?,"
                + " is_active = ?, deleted_at = ?, is_admin = ?, is_maintainer = ?, project_limit = ?,"
                + " auth_source = ?, last_login_at = ?" + (usersStamped ? ", update_date = ?" : "") + " WHERE id = ?";

        String userProjects = schema + ".user_projects";
        String selectMemberships = "SELECT user_id, project_name, is_project_admin FROM " + userProjects;
        memberships = selectMemberships + " WHERE user_id = ? ORDER BY id";
        projectMembers = selectMemberships + " WHERE project_name = ? ORDER BY id";
        addMembership = dialect.insertUnlessDuplicate("INSERT INTO " + userProjects
                + " (id, user_id, project_name, is_project_admin" + stampColumns(membershipsStamped) + ") VALUES ("
                + placeholders(4 + (membershipsStamped ? 2 : 0)) + ")");
        removeMembership = "DELETE FROM " + userProjects + " WHERE user_id = ? AND project_name = ?";

        String userKnowledgeBases = schema + ".user_knowledge_bases";
        knowledgeBases = "SELECT kb_name FROM " + userKnowledgeBases + " WHERE user_id = ? ORDER BY id";
        lockUserWithLinks = dialect == Dialect.POSTGRESQL
                ? lockUser + "; " + memberships + "; " + knowledgeBases : null;
        addKnowledgeBase = dialect.insertUnlessDuplicate("INSERT INTO " + userKnowledgeBases + " (id, user_id, kb_name"
                + stampColumns(knowledgeBasesStamped) + ") VALUES (" + placeholders(3 + (knowledgeBasesStamped ? 2 : 0))
                + ")");
        revokeKnowledgeBase = "DELETE FROM " + userKnowledgeBases + " WHERE user_id = ? AND kb_name = ?";

        String applications = schema + ".applications";
        findProject = "SELECT name, project_type, created_by, deleted_at, description FROM " + applications
                + " WHERE name = ?";
        insertProject = dialect.insertUnlessDuplicate("INSERT INTO " + applications
                + " (id, name, project_type, created_by, deleted_at, description" + stampColumns(projectsStamped)
                + ") VALUES (" + placeholders(6 + (projectsStamped ? 2 : 0)) + ")");
        String sharedAndLive = " AND a.project_type = 'shared' AND a.deleted_at IS NULL";
        countSharedMemberships = "SELECT COUNT(*) FROM " + userProjects + " m JOIN " + applications
                + " a ON a.name = m.project_name WHERE m.user_id = ?" + sharedAndLive;
        countCreatedSharedProjects = "SELECT COUNT(*) FROM " + applications + " a WHERE a.created_by = ?"
                + sharedAndLive;
    }

    private static boolean stamped(Map<String, Set<String>> columns, String table) {
        Set<String> present = columns.get(table);
        return present.contains("date") && present.contains("update_date");
    }

    private static String stampColumns(boolean stamped) {
        return stamped ? ", date, update_date" : "";
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
