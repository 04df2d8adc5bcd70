package ai.codemie.auth.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The projects of one {@link StoreTransaction}, with their memberships. */
public interface ProjectRecords {

    /** The project with this exact name, deleted or not. */
    Optional<Project> find(String name);

    /** Inserts the project unless one with the same name exists; true if it was inserted. */
    boolean insert(Project project);

    /** The user's project memberships, in insertion order. */
    List<ProjectMembership> membershipsOf(String userId);

    /** The members of a project, in insertion order. */
    List<ProjectMembership> members(String project);

    /** Adds the membership unless the user is already a member; true if it was added. */
    boolean addMember(ProjectMembership membership);

    /**
     * Adds each membership, in order, unless the user is already a member (a project repeated for the same user is
     * added once); a database store writes them in one batch.
     */
    void addMembers(Collection<ProjectMembership> memberships);

    /** Removes the membership; true if there was one. */
    boolean removeMember(String userId, String project);

    /** How many shared, not deleted projects the user is a member of. */
    int countSharedMemberships(String userId);

    /** How many shared, not deleted projects the user created. */
    int countCreatedShared(String userId);
}
