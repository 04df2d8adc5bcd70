package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.servlet.CodemieAuthFilter;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference service of CONTRACT.md on embedded Jetty: {@link CodemieAuthFilter} in front of every request,
 * path rules that say who may call each endpoint, configured only by environment variables.
 */
public final class ServletService implements AutoCloseable {

    /** Listening port; default 8080, 0 picks a free one. */
    public static final String PORT = "PORT";
    /** Request headers up to this size are accepted (large Keycloak tokens). */
    public static final int REQUEST_HEADER_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ServletService.class);

    private final Server server;
    private final ServerConnector connector;

    private ServletService(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the service as the environment says.
     *
     * @throws InvalidConfigurationException naming the variable when a setting is wrong
     */
    public static ServletService start(Map<String, String> environment) throws Exception {
        return start(environment, auth -> { });
    }

    /**
     * Starts the service as the environment says, with the library's parts replaced as the customizer decides
     * (tests use it to simulate an outage of the store).
     */
    static ServletService start(Map<String, String> environment, Consumer<CodemieAuth.Builder> customizer)
            throws Exception {
        AuthSettings settings = AuthSettings.fromEnvironment(environment);
        CodemieAuth.Builder builder = CodemieAuth.builder(settings);
        customizer.accept(builder);
        CodemieAuth auth = builder.build();

        List<Endpoint> endpoints = new ArrayList<>(ReferenceApi.keycloakManaged());
        endpoints.addAll(ReferenceApi.userManagementDisabled());

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
        server.setHandler(context);
        server.start();
        LOG.info("Reference service listening on port {} ({})", connector.getLocalPort(), settings);
        return new ServletService(server, connector);
    }

    /** The port the service listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops the server. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
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
