package ai.codemie.auth.bench;

import ai.codemie.auth.bench.BenchIssuer.User;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The generated people and projects every scenario draws from: a pool of {@value #PROJECTS} projects and users
 * with seeded random memberships, so that every run and every contender sees the same data.
 */
public final class Population {

    /** How many projects exist. */
    public static final int PROJECTS = 1_000;

    /** How many project names exist beyond the pool, for requests that ask for a project nobody is in. */
    private static final int UNKNOWN_PROJECTS = 100;

    /** {@code project-0000} to {@code project-0999} exist; the names after them do not. */
    private static final String[] NAMES = new String[PROJECTS + UNKNOWN_PROJECTS];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = String.format("project-%04d", i);
        }
    }

    private Population() {
    }

    /**
     * User {@code index}: a stable UUID subject, the sign-in role {@code developer} (plus {@code admin} when asked)
     * and access to {@code projects} distinct random projects; for every other user one of them is held only as
     * project admin (an admin-only membership, which grants access too).
     */
    public static User user(int index, boolean admin, int projects, Random random) {
        List<String> roles = admin ? List.of("developer", BenchIssuer.ADMIN_ROLE) : List.of("developer");
        List<String> all = distinctProjects(random, projects);
        int plain = index % 2 == 0 && projects > 0 ? projects - 1 : projects;
        return new User(subject(index), "user." + index, roles, all.subList(0, plain), all.subList(plain, projects));
    }

    /** The subject of user {@code index}: a lower-case UUID, as the platform's user ids are. */
    public static String subject(int index) {
        return UUID.nameUUIDFromBytes(("user-" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * A project for a request of this user: half of the time one they may access, otherwise one they may not (for a
     * user in every project, a project that does not exist). Always a fresh String, as a parsed request path is.
     */
    public static String requestedProject(User user, Random random) {
        List<String> own = new ArrayList<>(user.projects());
        own.addAll(user.adminProjects());
        String project;
        if (random.nextBoolean() && !own.isEmpty()) {
            project = own.get(random.nextInt(own.size()));
        } else {
            do {
                project = NAMES[random.nextInt(NAMES.length)];
            } while (own.contains(project));
        }
        return new String(project.toCharArray());
    }

    private static List<String> distinctProjects(Random random, int count) {
        if (count > PROJECTS) {
            throw new IllegalArgumentException("cannot pick " + count + " of " + PROJECTS + " projects");
        }
        List<String> all = new ArrayList<>(List.of(NAMES).subList(0, PROJECTS));
        Collections.shuffle(all, random);
        return List.copyOf(all.subList(0, count));
    }
}
