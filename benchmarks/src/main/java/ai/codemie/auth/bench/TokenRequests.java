package ai.codemie.auth.bench;

import ai.codemie.auth.bench.BenchIssuer.User;
import java.util.Random;

/**
 * The traffic of the request-path scenarios: {@value #USERS} users (every twentieth an admin) in 10 projects each,
 * and {@value #REQUESTS} requests, each a user's token and the project it asks for.
 */
public final class TokenRequests {

    /** How many distinct users, and so distinct tokens, the requests carry. */
    public static final int USERS = 256;
    /** How many requests are cycled through. */
    public static final int REQUESTS = 1024;

    private TokenRequests() {
    }

    /**
     * One request: a bearer token and the project it asks for.
     *
     * @param token   the signed token text
     * @param project the project name from the request path
     * @param user    whom the token was minted for; the source of the expected decision
     */
    public record Request(String token, String project, User user) {

        /** The decision every contender must reach. */
        public boolean expected() {
            return user.mayAccess(project);
        }

        /** Never prints the token. */
        @Override
        public String toString() {
            return "request of " + user.id() + (user.admin() ? " (admin)" : "") + " for " + project;
        }
    }

    /** The same requests for the same seed, each token signed by the issuer. */
    public static Request[] generate(BenchIssuer issuer, long seed) {
        Random random = new Random(seed);
        User[] users = new User[USERS];
        String[] tokens = new String[USERS];
        for (int i = 0; i < USERS; i++) {
            users[i] = Population.user(i, i % 20 == 0, 10, random);
            tokens[i] = issuer.mint(users[i]);
        }
        Request[] requests = new Request[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            int u = random.nextInt(USERS);
            requests[i] = new Request(tokens[u], Population.requestedProject(users[u], random), users[u]);
        }
        return Cursor.requirePowerOfTwo(requests);
    }
}
