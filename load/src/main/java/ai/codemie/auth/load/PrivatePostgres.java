package ai.codemie.auth.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of the run's own, made with {@code initdb} in a temporary directory and listening on a port
 * of its own, so that stopping it touches nobody else's database. PostgreSQL refuses to run as root: as root the
 * commands run as the {@code postgres} user. A run that is killed rather than closed stops and removes it on the
 * way out.
 */
final class PrivatePostgres implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final String bin;
    private final Thread removeAtExit = new Thread(this::removeQuietly, "remove-private-postgres");

    private PrivatePostgres(Path directory, int port, String bin) {
        this.directory = directory;
        this.port = port;
        this.bin = bin;
    }

    /** {@code initdb} (trust authentication, user postgres) and start; {@code bin} holds initdb and pg_ctl. */
    static PrivatePostgres create(String bin) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("load-postgres-");
        PrivatePostgres postgres = new PrivatePostgres(directory, Service.freePort(), bin);
        Runtime.getRuntime().addShutdownHook(postgres.removeAtExit);
        if (isRoot()) {
            run(List.of("chown", "postgres", directory.toString()));
        }
        postgres.asOwner(List.of(bin + "/initdb", "-D", directory.resolve("data").toString(), "-U", "postgres",
                "--auth=trust", "--no-sync", "-E", "UTF8"));
        postgres.start();
        return postgres;
    }

    int port() {
        return port;
    }

    /** A JDBC URL of a new database of this cluster. */
    String createDatabase(String name) throws IOException, InterruptedException {
        asOwner(List.of(bin + "/createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", name));
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    void start() throws IOException, InterruptedException {
        asOwner(List.of(bin + "/pg_ctl", "-D", directory.resolve("data").toString(), "-w", "-l",
                directory.resolve("log").toString(), "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off", "start"));
    }

    /** Stops the server at once, as a crash or a failover would ({@code -m immediate}). */
    void stopImmediately() throws IOException, InterruptedException {
        asOwner(List.of(bin + "/pg_ctl", "-D", directory.resolve("data").toString(), "-w", "-m", "immediate",
                "stop"));
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(removeAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run, and does the same
        }
        try {
            stopImmediately();
        } finally {
            run(List.of("rm", "-rf", directory.toString()));
        }
    }

    /** At exit: stops the server if it runs and removes its directory, whatever fails on the way. */
    private void removeQuietly() {
        try {
            stopImmediately();
        } catch (IOException | InterruptedException | IllegalStateException notRunning) {
            // stopped already, or never started: the directory goes all the same
        }
        try {
            run(List.of("rm", "-rf", directory.toString()));
        } catch (IOException | InterruptedException | IllegalStateException failed) {
            System.err.println("could not remove " + directory + ": " + failed.getMessage());
        }
    }
}
