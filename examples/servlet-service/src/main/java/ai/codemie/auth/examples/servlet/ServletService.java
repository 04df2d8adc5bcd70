package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.servlet.CodemieAuthFilter;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.LocalTokenIssuer;
import ai.codemie.auth.token.TokenVerifiers;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference service on embedded Jetty: {@link CodemieAuthFilter} in front of every request,
 * path rules that say who may call each endpoint, configured only by environment variables.
 */
public final class ServletService implements AutoCloseable {

    /** Listening port; default 8080, 0 picks a free one. */
    public static final String PORT = "PORT";
    /**
     * {@code true} adds {@code GET /bare/projects/{project}/assistants}, the assistants endpoint without the filter,
     * for load tests; default {@code false}.
     */
    public static final String BARE_ENDPOINT = "BARE_ENDPOINT";
    /** Request headers up to this size are accepted (large Keycloak tokens). */
    public static final int REQUEST_HEADER_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ServletService.class);

    private final Server server;
    private final ServerConnector connector;
    private final List<AutoCloseable> resources;

    private ServletService(Server server, ServerConnector connector, List<AutoCloseable> resources) {
        this.server = server;
        this.connector = connector;
        this.resources = List.copyOf(resources);
    }

    /**
     * Starts the service as the environment says.
     *
     * @throws InvalidConfigurationException naming the variable when a setting is wrong
     */
    public static ServletService start(Map<String, String> environment) throws Exception {
        return start(environment, new InMemoryUserStore());
    }

    /** Starts the service as the environment says, on the given store in platform-managed mode (tests use it). */
    static ServletService start(Map<String, String> environment, UserStore store) throws Exception {
        AuthSettings settings = AuthSettings.fromEnvironment(environment);
        for (String jdbcUrl : List.of("CODEMIE_AUTH_JDBC_URL", "SPRING_DATASOURCE_URL")) {
            if (environment.get(jdbcUrl) != null && !environment.get(jdbcUrl).isBlank()) {
                throw new InvalidConfigurationException(jdbcUrl, "the servlet reference service is built on auth-core "
                        + "and auth-servlet only and keeps users in memory; use the Spring reference service for a "
                        + "database");
            }
        }
        List<AutoCloseable> resources = new ArrayList<>();
        JwtTokenVerifier verifier = TokenVerifiers.create(settings);
        resources.add(verifier);
        CodemieAuth.Builder builder = CodemieAuth.builder(settings).tokenVerifier(verifier);
        List<Endpoint> endpoints = new ArrayList<>(ReferenceApi.keycloakManaged());
        if (settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            PlatformManagedResolver resolver = new PlatformManagedResolver(settings, store);
            resources.add(resolver);
            builder.permissionResolver(resolver);
            endpoints.addAll(ReferenceApi.platformManaged(
                    new UserAdministration(settings, store, resolver.changeListener())));
            LOG.info("Platform-managed mode: users are kept in memory and lost at shutdown");
        } else {
            endpoints.addAll(ReferenceApi.userManagementDisabled());
        }
        CodemieAuth auth = builder.build();
        if (settings.generatesDevelopmentKey()) {
            LocalTokenIssuer issuer = verifier.localTokenIssuer().orElseThrow();
            endpoints.add(DevTokenEndpoint.create(issuer, settings));
            LOG.warn("DEVELOPMENT FACILITY: POST {} signs a demo token for any identity and role, admin included, "
                    + "for anyone who can reach this port ({}=true). Never use it in production: give the local "
                    + "key in {} instead.", DevTokenEndpoint.PATH, AuthSettings.DEV_GENERATE_LOCAL_KEY.name(),
                    AuthSettings.LOCAL_PRIVATE_KEY_FILE.name());
        }

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port(environment));
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorPages.ServerErrors());

        ServletContextHandler context = new ServletContextHandler();
        context.setErrorHandler(new JsonErrorPages.ContextErrors());
        context.addFilter(new FilterHolder(new CodemieAuthFilter(auth, ReferenceApi.rules(endpoints))), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new ApiServlet(endpoints)), "/*");
        if (bareEndpoint(environment)) {
            ServletContextHandler bare = new ServletContextHandler("/bare");
            bare.setErrorHandler(new JsonErrorPages.ContextErrors());
            bare.addServlet(new ServletHolder(new ApiServlet(ReferenceApi.bare())), "/*");
            server.setHandler(new ContextHandlerCollection(context, bare));
            LOG.warn("{}=true: GET /bare/projects/{project}/assistants answers anyone, without the filter; "
                    + "for load tests only", BARE_ENDPOINT);
        } else {
            server.setHandler(context);
        }
        server.start();
        LOG.info("Reference service listening on port {} ({})", connector.getLocalPort(), settings);
        return new ServletService(server, connector, resources);
    }

    /** The port the service listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops the server, the key refresh and the store subscription. */
    @Override
    public void close() throws Exception {
        server.stop();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    private static boolean bareEndpoint(Map<String, String> environment) {
        String value = environment.get(BARE_ENDPOINT);
        if (value == null || value.isBlank() || value.trim().equals("false")) {
            return false;
        }
        if (value.trim().equals("true")) {
            return true;
        }
        throw new InvalidConfigurationException(BARE_ENDPOINT, "must be true or false: '" + value + "'");
    }

    private static int port(Map<String, String> environment) {
        String value = environment.get(PORT);
        if (value == null || value.isBlank()) {
            return 8080;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(PORT, "is not a port number (0-65535): '" + value + "'");
        }
    }
}
