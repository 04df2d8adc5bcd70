package ai.codemie.auth.servlet;

import java.net.URI;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty server serving one servlet context on a free loopback port, for the filter's HTTP tests.
 *
 * @param server the running server, to stop
 * @param base   its address, {@code http://127.0.0.1:<port>}
 */
record LoopbackServer(Server server, URI base) {

    /** Starts a server for the context. */
    static LoopbackServer start(ServletContextHandler context) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return new LoopbackServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }
}
