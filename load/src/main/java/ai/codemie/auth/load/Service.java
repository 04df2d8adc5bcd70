package ai.codemie.auth.load;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A reference service in its own JVM, configured by environment as an operator would, its log in a file. */
final class Service implements AutoCloseable {

    /** The heap every service of a run gets: room for both token caches at their default bound and more. */
    static final String MAX_HEAP = "-Xmx512m";

    private final Process process;
    private final int port;
    private final Path log;
    private JMXConnector jmx;
    private MemoryMXBean memory;
    /** Stops the process when the harness is killed rather than closed, so that no service outlives it. */
    private final Thread stopAtExit;

    private Service(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopAtExit = new Thread(process::destroyForcibly, "stop-service");
    }

    /** Starts the jar with the environment (plus {@code PORT} and {@code BARE_ENDPOINT=true}); waits until healthy. */
    static Service start(Path jar, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of(javaCommand(), MAX_HEAP, "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("BARE_ENDPOINT", "true");
        Service service = new Service(builder.start(), port, log);
        Runtime.getRuntime().addShutdownHook(service.stopAtExit);
        try {
            service.awaitHealthy(Duration.ofMinutes(3));
        } catch (IOException | InterruptedException | RuntimeException notHealthy) {
            service.close();
            throw notHealthy;
        }
        return service;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The log's lines containing the text, counted. */
    long logLines(String text) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /**
     * The live heap in KiB: a full collection ({@code MemoryMXBean.gc()}, as {@code jcmd GC.run}), then the heap it
     * left in use. Through JMX on the service's local management agent, so that a sample costs no new JVM.
     */
    long liveHeapKib() throws IOException {
        if (memory == null) {
            VirtualMachine vm;
            try {
                vm = VirtualMachine.attach(Long.toString(process.pid()));
            } catch (AttachNotSupportedException e) {
                throw new IOException("cannot attach to the service", e);
            }
            try {
                jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
                memory = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                        ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            } finally {
                vm.detach();
            }
        }
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed() / 1024;
    }

    private void awaitHealthy(Duration limit) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped at startup; see " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500); // polling a starting process: nothing to wait on but its port
        }
        throw new IllegalStateException("the service did not become healthy within " + limit + "; see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run
        }
        if (jmx != null) {
            jmx.close();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
