package ai.codemie.auth.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on, and how busy it was. */
final class Machine {

    private Machine() {
    }

    /** Cores, memory, JDK and the load average now. */
    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + memory() + ", JDK "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + "), load average "
                + loadAverage();
    }

    /** The 1-, 5- and 15-minute load averages, as {@code uptime} prints them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try (var lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GiB memory")
                    .orElse("memory unknown");
        } catch (IOException e) {
            return "memory unknown";
        }
    }
}
