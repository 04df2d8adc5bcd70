package ai.codemie.auth.admin;

import ai.codemie.auth.admin.AdminSupport.Audited;
import ai.codemie.auth.admin.AdminSupport.Change;
import ai.codemie.auth.audit.Audit;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem.Status;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectNames;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The administration of what a user is granted: shared projects, their members, and knowledge bases. */
final class ProjectAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(UserAdministration.class);

    private static final int MAX_DESCRIPTION = 500;

    private final AdminSupport support;
    private final ProjectLimit projectLimit;

    ProjectAdministration(AdminSupport support) {
        this.support = support;
        this.projectLimit = new ProjectLimit(support.settings);
    }

    Project createSharedProject(EffectivePermissions caller, String name, String description) {
        support.guard(caller, Requirements.authenticated());
        validateProject(name, description);
        return support.changeUser(caller, caller.id(), tx -> {
            StoredUser creator = tx.users().lock(caller.id()).filter(StoredUser::usable).orElseThrow(
                    () -> new AuthenticationException(BearerError.INVALID_TOKEN, "account_deactivated",
                            "Account is deactivated"));
            projectLimit.check(tx, creator);
            Project project = new Project(name, ProjectType.SHARED, caller.id(), null, description);
            if (tx.projects().find(name).isPresent() || !tx.projects().insert(project)) {
                throw AdministrationException.of(Status.CONFLICT, "project_exists",
                        "Project '" + name + "' already exists. Please choose a different name.");
            }
            tx.projects().addMember(new ProjectMembership(caller.id(), name, true));
            LOG.info("Project {} created by {}", name, caller.id());
            return new Audited<>(project, new Change("project.create", name, name, Map.of(),
                    Audit.state("project_type", "shared", "description", description, "created_by",
                            caller.id())));
        });
    }

    ProjectMembership assignMember(EffectivePermissions caller, String project, String userId, boolean projectAdmin) {
        support.guard(caller, Requirements.authenticated());
        return support.changeUser(caller, userId, tx -> {
            manageableProject(tx, caller, project); // a live shared project: personal ones were refused
            StoredUser user = AdminSupport.lockChangeableUser(tx, userId);
            if (membership(tx, userId, project).isPresent()) {
                throw alreadyAssigned(userId, project);
            }
            if (projectLimit.appliesToAssignment()) {
                projectLimit.check(tx, user);
            }
            ProjectMembership membership = new ProjectMembership(userId, project, projectAdmin);
            if (!tx.projects().addMember(membership)) {
                throw alreadyAssigned(userId, project);
            }
            LOG.info("User {} assigned to project {} (project admin: {}) by {}", userId, project, projectAdmin,
                    caller.id());
            return new Audited<>(membership, new Change("project.member.assign", project, userId, Map.of(),
                    Audit.state("is_project_admin", projectAdmin)));
        });
    }

    void unassignMember(EffectivePermissions caller, String project, String userId) {
        support.guard(caller, Requirements.authenticated());
        support.changeUser(caller, userId, tx -> {
            Project managed = manageableProject(tx, caller, project);
            if (userId.equals(managed.createdBy())) {
                throw AdministrationException.of(Status.BAD_REQUEST, "project_creator",
                        "Cannot remove the project creator from the project");
            }
            AdminSupport.lockChangeableUser(tx, userId);
            Optional<ProjectMembership> removed = membership(tx, userId, project);
            if (removed.isEmpty() || !tx.projects().removeMember(userId, project)) {
                throw AdministrationException.of(Status.NOT_FOUND, "not_assigned",
                        "User is not assigned to this project",
                        "User '" + userId + "' is not a member of project '" + project + "'",
                        "Verify the user is assigned to this project");
            }
            LOG.info("User {} removed from project {} by {}", userId, project, caller.id());
            return new Audited<>(null, new Change("project.member.unassign", project, userId,
                    Audit.state("is_project_admin", removed.get().projectAdmin()), Map.of()));
        });
    }

    boolean grantKnowledgeBase(EffectivePermissions caller, String userId, String knowledgeBase) {
        support.guard(caller, Requirements.adminOrMaintainer());
        return support.changeUser(caller, userId, tx -> {
            AdminSupport.lockChangeableUser(tx, userId);
            return knowledgeBaseChange(tx.users().grantKnowledgeBase(userId, knowledgeBase),
                    new Change("user.knowledge_base.grant", null, userId, Map.of(),
                            Audit.state("knowledge_base", knowledgeBase)));
        });
    }

    boolean revokeKnowledgeBase(EffectivePermissions caller, String userId, String knowledgeBase) {
        support.guard(caller, Requirements.adminOrMaintainer());
        return support.changeUser(caller, userId, tx -> {
            AdminSupport.lockChangeableUser(tx, userId);
            return knowledgeBaseChange(tx.users().revokeKnowledgeBase(userId, knowledgeBase),
                    new Change("user.knowledge_base.revoke", null, userId,
                            Audit.state("knowledge_base", knowledgeBase), Map.of()));
        });
    }

    /** The grant's or revocation's answer, with its change only when it changed something. */
    private static Audited<Boolean> knowledgeBaseChange(boolean changed, Change change) {
        return changed ? new Audited<>(true, change) : Audited.unchanged(false);
    }

    /**
     * The live project, if the caller may change its members: admins, the creator and its project admins. A member
     * without the right gets 403; anyone else 404, so that the project's existence is not revealed.
     */
    private static Project manageableProject(StoreTransaction tx, EffectivePermissions caller, String name) {
        Project project = tx.projects().find(name).filter(Project::live)
                .orElseThrow(ProjectAdministration::projectNotFound);
        if (!caller.admin() && !caller.id().equals(project.createdBy())) {
            ProjectMembership own = membership(tx, caller.id(), name)
                    .orElseThrow(ProjectAdministration::projectNotFound);
            if (!own.projectAdmin()) {
                Decision.deny(new DenyReason.NotProjectAdmin(name), "Only admins, the project's admins and its creator"
                        + " may change the members of the project '" + name + "'.").orThrow();
            }
        }
        if (project.type() == ProjectType.PERSONAL) {
            throw AdministrationException.of(Status.FORBIDDEN, "personal_project",
                    "Cannot modify membership of a personal project");
        }
        return project;
    }

    private static Optional<ProjectMembership> membership(StoreTransaction tx, String userId, String project) {
        return tx.projects().membershipsOf(userId).stream().filter(m -> m.project().equals(project)).findFirst();
    }

    private static void validateProject(String name, String description) {
        Optional<String> invalidName = ProjectNames.problem(name);
        if (invalidName.isPresent()) {
            throw invalidProject(invalidName.get());
        }
        if (description == null || description.isBlank()) {
            throw invalidProject("Project description is required");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw invalidProject("Project description cannot exceed 500 characters");
        }
    }

    private static AdministrationException invalidProject(String message) {
        return AdministrationException.of(Status.BAD_REQUEST, "invalid_project", message);
    }

    private static AdministrationException projectNotFound() {
        return AdministrationException.of(Status.NOT_FOUND, "project_not_found", "Project not found");
    }

    private static AdministrationException alreadyAssigned(String userId, String project) {
        return AdministrationException.of(Status.CONFLICT, "already_assigned", "User already assigned to project",
                "User '" + userId + "' is already a member of project '" + project + "'", null);
    }
}
