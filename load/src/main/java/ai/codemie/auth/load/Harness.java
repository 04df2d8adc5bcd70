package ai.codemie.auth.load;

import ai.codemie.auth.load.Traffic.Request;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs the reference services under load: {@code throughput} (wrk, with and without the filter, both modes),
 * {@code soak} (mixed traffic for minutes, live heap sampled), {@code faults-store} (PostgreSQL stopped and started
 * under load), {@code faults-keys} (the key endpoint flapping under load). Each writes a Markdown report to
 * {@code load/target/results/} and prints it. Settings are system properties ({@code -Dload.<name>=…}, below).
 */
public final class Harness {

    private static final Path RESULTS = Path.of(System.getProperty("load.results", "load/target/results"));
    private static final Path SPRING = Path.of(System.getProperty("load.spring",
            "examples/spring-service/target/spring-service.jar"));
    private static final Path SERVLET = Path.of(System.getProperty("load.servlet",
            "examples/servlet-service/target/servlet-service.jar"));
    private static final String PG_BIN = System.getProperty("load.pgbin", "/usr/lib/postgresql/15/bin");
    private static final int KEY_TTL_SECONDS = 40;
    private static final int FETCH_TIMEOUT_SECONDS = 1;
    private static final int REFETCH_WINDOW_SECONDS = 5;
    private static final String MAINTAINER = "00000000-0000-4000-8000-000000000001";

    private final KeyServer keys;
    private final StringBuilder report = new StringBuilder();

    private Harness(KeyServer keys) {
        this.keys = keys;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar load/target/load.jar throughput|soak|faults-store|faults-keys");
            System.exit(2);
        }
        Files.createDirectories(RESULTS);
        try (KeyServer keys = new KeyServer()) {
            Harness harness = new Harness(keys);
            harness.line("Machine: " + Machine.describe());
            switch (args[0]) {
                case "throughput" -> harness.throughput();
                case "soak" -> harness.soak();
                case "faults-store" -> harness.faultsStore();
                case "faults-keys" -> harness.faultsKeys();
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
            Files.writeString(RESULTS.resolve(args[0] + ".md"), harness.report, StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    // ---- throughput ------------------------------------------------------------------------------------------

    /**
     * The filter's share of the bare throughput, per service and mode: after a warm-up, rounds that each run the
     * bare and the guarded endpoint for a few seconds, in an order that alternates from round to round, and a ratio
     * per round, so that both sides of a ratio meet the machine at the same speed. Each round is a row; the summary
     * gives the median of the rounds' ratios with its quartiles.
     */
    private void throughput() throws Exception {
        int seconds = Integer.getInteger("load.seconds", 5);
        int warmup = Integer.getInteger("load.warmup", 15);
        int connections = Integer.getInteger("load.connections", 16);
        int rounds = Integer.getInteger("load.rounds", 12);
        if (rounds < 1 || seconds < 1) {
            throw new IllegalArgumentException("load.rounds and load.seconds must be at least 1");
        }
        line("wrk -t1 -c" + connections + ", " + warmup + " s warm-up per endpoint, then " + rounds
                + " rounds of " + seconds + " s per endpoint: bare then with the filter in odd rounds, the other way"
                + " round in even ones.");
        line("");
        List<String> summary = new ArrayList<>();
        line("| service | mode | round | bare req/s | bare p50 / p99 ms | filter req/s | filter p50 / p99 ms | "
                + "filter / bare | non-2xx | load average |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        try (PrivatePostgres postgres = PrivatePostgres.create(PG_BIN)) {
            String[][] configurations = {{"servlet", "keycloak"}, {"servlet", "platform (in memory)"},
                    {"spring", "keycloak"}, {"spring", "platform (PostgreSQL)"}};
            for (String[] configuration : configurations) {
                if (!configuration[0].startsWith(System.getProperty("load.only", ""))) {
                    continue;
                }
                Map<String, String> environment = environment();
                if (configuration[1].startsWith("platform")) {
                    environment.put("ENABLE_USER_MANAGEMENT", "true");
                    environment.put("MAINTAINER_USER_ID", MAINTAINER);
                }
                if (configuration[1].contains("PostgreSQL")) {
                    environment.putAll(database(postgres, "throughput"));
                }
                Path jar = configuration[0].equals("spring") ? SPRING : SERVLET;
                try (Service service = Service.start(jar, environment, log("throughput-" + configuration[0] + "-"
                        + configuration[1].split(" ")[0]))) {
                    String token = keys.rsa(KeyServer.claims(UUID.randomUUID().toString())
                            .claim("applications", "proj-a"));
                    String base = "http://127.0.0.1:" + service.port();
                    String guarded = base + "/v1/projects/proj-a/assistants";
                    String bare = base + "/bare/projects/proj-a/assistants";
                    expect(service, Request.get("member", "/v1/projects/proj-a/assistants", token), 200);
                    // the same request, token included: the container reads the same bytes either way, so the
                    // difference is the filter's work alone
                    expect(service, Request.get("bare", "/bare/projects/proj-a/assistants", token), 200);
                    Wrk.run(bare, token, connections, warmup);
                    Wrk.run(guarded, token, connections, warmup);
                    double[] ratios = new double[rounds];
                    for (int round = 1; round <= rounds; round++) {
                        boolean bareFirst = round % 2 == 1;
                        Wrk first = Wrk.run(bareFirst ? bare : guarded, token, connections, seconds);
                        Wrk second = Wrk.run(bareFirst ? guarded : bare, token, connections, seconds);
                        Wrk without = bareFirst ? first : second;
                        Wrk with = bareFirst ? second : first;
                        ratios[round - 1] = 100 * with.requestsPerSecond() / without.requestsPerSecond();
                        line(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | "
                                        + "%.1f %% | %d / %d | %s |", configuration[0], configuration[1], round,
                                without.requestsPerSecond(), without.p50Millis(), without.p99Millis(),
                                with.requestsPerSecond(), with.p50Millis(), with.p99Millis(), ratios[round - 1],
                                without.errors(), with.errors(), Machine.loadAverage()));
                    }
                    Arrays.sort(ratios);
                    summary.add(String.format(Locale.ROOT, "| %s | %s | %.1f %% | %.1f %% – %.1f %% |",
                            configuration[0], configuration[1], quantile(ratios, 0.5), quantile(ratios, 0.25),
                            quantile(ratios, 0.75)));
                }
            }
        }
        line("");
        line("| service | mode | filter / bare, median of the rounds | quartiles |");
        line("|---|---|---|---|");
        summary.forEach(this::line);
    }

    /** The quantile of sorted values, interpolated between the two nearest. */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    // ---- soak --------------------------------------------------------------------------------------------------

    private void soak() throws Exception {
        Duration duration = Duration.ofSeconds(Integer.getInteger("load.seconds", 600));
        int sampleSeconds = Integer.getInteger("load.sample", 5);
        int workers = Integer.getInteger("load.workers", 8);
        String which = System.getProperty("load.service", "servlet");
        boolean platform = !System.getProperty("load.mode", "platform").equals("keycloak");
        int permissionCache = Integer.getInteger("load.permissioncache", 1_000);
        try (PrivatePostgres postgres = platform && which.equals("spring") ? PrivatePostgres.create(PG_BIN) : null) {
            Map<String, String> environment = environment();
            if (platform) {
                environment.put("ENABLE_USER_MANAGEMENT", "true");
                environment.put("MAINTAINER_USER_ID", MAINTAINER);
                // smaller than the subjects of the distinct stream, so that the user cache churns too
                environment.put("CODEMIE_AUTH_PERMISSION_CACHE_SIZE", Integer.toString(permissionCache));
            }
            if (postgres != null) {
                environment.putAll(database(postgres, "soak"));
            }
            try (Service service = Service.start(which.equals("spring") ? SPRING : SERVLET, environment,
                    log("soak-" + which))) {
                String maintainer = keys.rsa(KeyServer.claims(MAINTAINER));
                List<String> members = new ArrayList<>();
                List<String> memberTokens = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    String id = UUID.randomUUID().toString();
                    members.add(id);
                    memberTokens.add(keys.rsa(KeyServer.claims(id).claim("applications", "proj-a")));
                    expect(service, Request.get("setup", "/v1/user", memberTokens.get(i)), 200);
                }
                expect(service, Request.get("setup", "/v1/user", maintainer), 200);
                if (platform) {
                    expect(service, new Request("setup", "POST", "/v1/projects", maintainer,
                            "{\"name\":\"soak\",\"description\":\"soak test\"}"), 201);
                }
                List<String> pool = new ArrayList<>();
                for (int i = 0; i < Integer.getInteger("load.subjects", 3_000); i++) {
                    pool.add(UUID.randomUUID().toString());
                }
                int groups = LargeTokens.groupsFor(keys, 16_000);
                List<String> denied = List.of(
                        keys.rsaUnknownKey(KeyServer.claims(members.get(0))),
                        keys.rsa(KeyServer.claims(members.get(1)).expirationTime(java.util.Date.from(
                                Instant.now().minusSeconds(3600)))),
                        "not-a-token");
                AtomicLong jti = new AtomicLong();
                Supplier<Request> source = () -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int dice = random.nextInt(100);
                    if (dice < 30) {
                        return Request.get("repeated token", "/v1/projects/proj-a/assistants",
                                memberTokens.get(random.nextInt(memberTokens.size())));
                    }
                    if (dice < 80) {
                        return Request.get("distinct token", "/v1/user", keys.hmac(KeyServer.claims(
                                pool.get(random.nextInt(pool.size()))).claim("applications", "proj-a")
                                .jwtID(Long.toString(jti.incrementAndGet()))));
                    }
                    if (dice < 85) {
                        return Request.get("large token", "/v1/user", keys.hmac(LargeTokens.claims(
                                members.get(random.nextInt(members.size())), groups)
                                .jwtID(Long.toString(jti.incrementAndGet()))));
                    }
                    if (dice < 90) {
                        return Request.get("denied (no access)", "/v1/projects/proj-b/assistants",
                                memberTokens.get(random.nextInt(memberTokens.size())));
                    }
                    if (dice < 94 || !platform) {
                        return Request.get("denied (bad token)", "/v1/user", denied.get(random.nextInt(denied.size())));
                    }
                    String member = members.get(random.nextInt(members.size()));
                    return switch (random.nextInt(3)) {
                        case 0 -> new Request("admin write", "PUT", "/v1/admin/users/" + member, maintainer,
                                "{\"project_limit\":" + (3 + random.nextInt(5)) + "}");
                        case 1 -> new Request("admin write", "POST", "/v1/projects/soak/assignment", maintainer,
                                "{\"user_id\":\"" + member + "\"}");
                        default -> new Request("admin write", "DELETE", "/v1/projects/soak/assignment/" + member,
                                maintainer, null);
                    };
                };
                long baseline = service.liveHeapKib();
                line(which + " service, " + (platform ? "platform-managed mode (" + (postgres != null ? "PostgreSQL"
                        : "users in memory") + ", CODEMIE_AUTH_PERMISSION_CACHE_SIZE=" + permissionCache + ")"
                        : "Keycloak-managed mode") + ", " + workers + " workers for " + duration.toSeconds()
                        + " s, live heap sampled every " + sampleSeconds + " s after a full collection; "
                        + pool.size() + " subjects in the distinct-token stream; large tokens "
                        + LargeTokens.length(keys, groups) + " characters. Live heap before the traffic "
                        + baseline / 1024 + " MiB; bound: that plus twice CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES "
                        + "(64 MiB by default), " + (baseline / 1024 + 128) + " MiB.");
                line("");
                line("| time s | live heap MiB | requests | distinct tokens so far | load average |");
                line("|---|---|---|---|---|");
                long start = System.nanoTime();
                long peak = 0;
                Stats all;
                try (Traffic traffic = new Traffic(service.port(), workers, source)) {
                    traffic.nextPhase();
                    while (System.nanoTime() - start < duration.toNanos()) {
                        Thread.sleep(sampleSeconds * 1000L); // the sampling interval itself
                        long heap = service.liveHeapKib();
                        peak = Math.max(peak, heap);
                        line(String.format(Locale.ROOT, "| %d | %.1f | %d | %d | %s |",
                                (System.nanoTime() - start) / 1_000_000_000L, heap / 1024.0,
                                traffic.currentPhase().total(), jti.get(), Machine.loadAverage()));
                    }
                    all = traffic.nextPhase();
                }
                line("");
                line("Peak live heap " + peak / 1024 + " MiB (bound " + (baseline / 1024 + 128) + " MiB); distinct "
                        + "tokens sent " + jti.get() + ".");
                line("");
                table("whole soak", all);
            }
        }
    }

    // ---- faults: the store ---------------------------------------------------------------------------------------

    private void faultsStore() throws Exception {
        int workers = Integer.getInteger("load.workers", 8);
        try (PrivatePostgres postgres = PrivatePostgres.create(PG_BIN)) {
            Map<String, String> environment = environment();
            environment.put("ENABLE_USER_MANAGEMENT", "true");
            environment.put("MAINTAINER_USER_ID", MAINTAINER);
            environment.putAll(database(postgres, "faults"));
            try (Service service = Service.start(SPRING, environment, log("faults-store"))) {
                String maintainer = keys.rsa(KeyServer.claims(MAINTAINER));
                expect(service, Request.get("setup", "/v1/user", maintainer), 200);
                List<String> memberTokens = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    memberTokens.add(keys.rsa(KeyServer.claims(UUID.randomUUID().toString())
                            .claim("applications", "proj-a")));
                    expect(service, Request.get("setup", "/v1/user", memberTokens.get(i)), 200);
                }
                String victim = UUID.randomUUID().toString();
                String victimToken = keys.rsa(KeyServer.claims(victim).claim("applications", "proj-a"));
                expect(service, Request.get("setup", "/v1/user", victimToken), 200);
                // requests made after the deactivation was answered are "deactivated user": none may be a 200
                AtomicBoolean deactivated = new AtomicBoolean();
                Supplier<Request> source = () -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    return random.nextInt(100) < 85
                            ? Request.get("member", "/v1/projects/proj-a/assistants",
                                    memberTokens.get(random.nextInt(memberTokens.size())))
                            : Request.get(deactivated.get() ? "deactivated user" : "user (before deactivation)",
                                    "/v1/user", victimToken);
                };
                line("Spring service, platform-managed mode on a private PostgreSQL cluster, " + workers
                        + " workers: 85 % members of proj-a (GET /v1/projects/proj-a/assistants), 15 % one more user "
                        + "(GET /v1/user), deactivated through the API (DELETE /v1/admin/users/{id}, 204) 5 s before "
                        + "the outage; the requests made after that 204 are 'deactivated user'.");
                line("");
                try (Traffic traffic = new Traffic(service.port(), workers, source)) {
                    traffic.nextPhase();
                    Thread.sleep(15_000); // the phase's length
                    expect(service, new Request("setup", "DELETE", "/v1/admin/users/" + victim, maintainer, null),
                            204);
                    deactivated.set(true);
                    Stats before = traffic.nextPhase();
                    Thread.sleep(5_000);
                    Stats deactivatedPhase = traffic.nextPhase();
                    long stopping = System.currentTimeMillis();
                    postgres.stopImmediately();
                    long stopped = System.currentTimeMillis();
                    Thread.sleep(20_000);
                    Stats down = traffic.nextPhase();
                    long starting = System.currentTimeMillis();
                    postgres.start();
                    long started = System.currentTimeMillis();
                    Stats restarting = traffic.nextPhase();
                    Thread.sleep(10_000);
                    Stats back = traffic.nextPhase();
                    Thread.sleep(20_000);
                    Stats later = traffic.nextPhase();
                    line("pg_ctl stop -m immediate took " + (stopped - stopping) + " ms; the store was down "
                            + (starting - stopped) + " ms; pg_ctl start -w took " + (started - starting)
                            + " ms. First member 200 after pg_ctl start returned: "
                            + after(started, back.firstMillis("member", 200)) + ".");
                    line("");
                    table("before the deactivation (15 s)", before);
                    table("deactivated, store up (5 s)", deactivatedPhase);
                    table("store down (20 s)", down);
                    table("store starting (pg_ctl start -w)", restarting);
                    table("store back, first 10 s", back);
                    table("store back, next 20 s", later);
                }
                line("Service log: 'change listener lost its connection' " + service.logLines(
                        "change listener lost its connection") + " time(s), 'change listener reconnected' "
                        + service.logLines("change listener reconnected") + " time(s); the service was not restarted "
                        + "(same pid " + service.pid() + ").");
            }
        }
    }

    // ---- faults: the key endpoint ----------------------------------------------------------------------------------

    private void faultsKeys() throws Exception {
        int workers = Integer.getInteger("load.workers", 8);
        String which = System.getProperty("load.service", "servlet");
        int timeout = FETCH_TIMEOUT_SECONDS;
        Map<String, String> environment = environment();
        environment.put("JWKS_HTTP_TIMEOUT_SECONDS", Integer.toString(timeout));
        environment.put("JWKS_CACHE_TTL_SECONDS", Integer.toString(KEY_TTL_SECONDS));
        environment.put("JWKS_REFETCH_WINDOW_SECONDS", Integer.toString(REFETCH_WINDOW_SECONDS));
        // every request verifies its token with the cached keys, none is answered from the token cache
        environment.put("CODEMIE_AUTH_TOKEN_CACHE_SIZE", "0");
        try (Service service = Service.start(which.equals("spring") ? SPRING : SERVLET, environment,
                log("faults-keys-" + which))) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tokens.add(keys.rsa(KeyServer.claims(UUID.randomUUID().toString()).claim("applications", "proj-a")));
            }
            List<String> unknownKey = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                unknownKey.add(keys.rsaUnknownKey(KeyServer.claims(UUID.randomUUID().toString())));
            }
            expect(service, Request.get("setup", "/v1/projects/proj-a/assistants", tokens.get(0)), 200);
            Supplier<Request> source = () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                return random.nextInt(100) < 95
                        ? Request.get("known key", "/v1/projects/proj-a/assistants",
                                tokens.get(random.nextInt(tokens.size())))
                        : Request.get("unknown key id", "/v1/projects/proj-a/assistants",
                                unknownKey.get(random.nextInt(unknownKey.size())));
            };
            line(which + " service, Keycloak-managed mode, " + workers + " workers, JWKS_HTTP_TIMEOUT_SECONDS="
                    + timeout + ", JWKS_CACHE_TTL_SECONDS=" + KEY_TTL_SECONDS + ", JWKS_REFETCH_WINDOW_SECONDS="
                    + REFETCH_WINDOW_SECONDS
                    + ", CODEMIE_AUTH_TOKEN_CACHE_SIZE=0 (every request uses the cached keys); 5 % of requests carry "
                    + "a key id the endpoint never publishes. Fetch bound per phase of d seconds: a refresh every "
                    + refreshSeconds() + " s (the TTL less the refresh-ahead time, min(30 s, TTL - timeout)), "
                    + "ceil(d / " + refreshSeconds() + ") + 1, plus at most 2 per refetch window, "
                    + "2 × (ceil(d / window) + 1).");
            line("");
            try (Traffic traffic = new Traffic(service.port(), workers, source)) {
                traffic.nextPhase();
                phase(traffic, "steady, endpoint up (20 s)", 20, null, 0);
                phase(traffic, "flapping 503 / up every 2 s (40 s)", 40, KeyServer.Mode.DOWN, 2);
                phase(traffic, "flapping hang / up every 3 s (42 s)", 42, KeyServer.Mode.HANG, 3);
                phase(traffic, "endpoint down (503) for 60 s, longer than the TTL", 60, KeyServer.Mode.DOWN, 60);
                keys.mode(KeyServer.Mode.UP);
                phase(traffic, "endpoint up again (20 s)", 20, null, 0);
            }
            line("Fetch timeout " + timeout + " s: no request should take longer than that plus the request's own "
                    + "work; the client gives up only after " + Traffic.REQUEST_TIMEOUT.toSeconds() + " s.");
        }
    }

    private void phase(Traffic traffic, String name, int seconds, KeyServer.Mode fault, int flapSeconds)
            throws Exception {
        long from = System.currentTimeMillis();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        boolean faulty = false;
        while (System.nanoTime() < end) {
            if (fault != null) {
                faulty = !faulty;
                keys.mode(faulty ? fault : KeyServer.Mode.UP);
                Thread.sleep(Math.min(flapSeconds * 1000L, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
            } else {
                Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            }
        }
        Stats stats = traffic.nextPhase();
        long to = System.currentTimeMillis();
        table(name, stats);
        long bound = fetchBound(seconds);
        line("Key fetches in this phase: " + keys.fetchesBetween(from, to) + " (bound " + bound + ").");
        line("");
    }

    /** The documented most key fetches in a phase of that many seconds: refreshes, plus two per refetch window. */
    static long fetchBound(int seconds) {
        long refreshes = (seconds + refreshSeconds() - 1) / refreshSeconds() + 1;
        long windows = (seconds + REFETCH_WINDOW_SECONDS - 1) / REFETCH_WINDOW_SECONDS + 1;
        return refreshes + 2 * windows;
    }

    /** How often the keys are refreshed while the endpoint answers: the TTL less the refresh-ahead time. */
    static int refreshSeconds() {
        return KEY_TTL_SECONDS - Math.min(30, KEY_TTL_SECONDS - FETCH_TIMEOUT_SECONDS);
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("JWKS_TRUSTED_ISSUERS", keys.trustedIssuersJson());
        environment.put("IDP_PROVIDER", "keycloak");
        return environment;
    }

    private static Map<String, String> database(PrivatePostgres postgres, String name) throws Exception {
        return Map.of("CODEMIE_AUTH_JDBC_URL", postgres.createDatabase(name + "_" + System.nanoTime()),
                "SPRING_DATASOURCE_USERNAME", "postgres", "CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS", "true");
    }

    private static Path log(String name) {
        return RESULTS.resolve(name + ".log");
    }

    private static void expect(Service service, Request request, int status) {
        try (Traffic once = new Traffic(service.port(), 0, () -> request)) {
            Traffic.Answer answer = once.send(request);
            if (answer.status() != status) {
                throw new IllegalStateException(request.method() + " " + request.path() + " answered "
                        + answer.status() + ", expected " + status + ": " + answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void table(String phase, Stats stats) {
        line("**" + phase + "**: " + stats.total() + " answers, p50 " + millis(stats.quantileMicros(0.5)) + " ms, p99 "
                + millis(stats.quantileMicros(0.99)) + " ms, max " + millis(stats.maxMicros()) + " ms; 503 without "
                + "Retry-After: " + stats.unavailableWithoutRetryAfter() + "; load average at its end "
                + stats.loadAverageAtEnd());
        line("");
        line("| request | status | answers |");
        line("|---|---|---|");
        stats.counts().forEach((key, count) -> {
            int split = key.lastIndexOf(' ');
            line("| " + key.substring(0, split) + " | " + key.substring(split + 1) + " | " + count + " |");
        });
        line("");
        stats.errors().forEach((kind, error) -> line("No answer (status 0) for " + kind + ", first: " + error));
    }

    private static String after(long from, long at) {
        return at < 0 ? "none in the phase" : (at - from) + " ms";
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
