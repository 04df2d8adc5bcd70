package ai.codemie.auth.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings and the heap count the retained-memory scenarios share, inherited by JMH: one single shot in one
 * fork with a fixed 1 GiB heap, JOL allowed to attach. Their figures are secondary results, in bytes; the time of
 * the single shot means nothing.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djdk.attach.allowAttachSelf=true",
        "-Djol.magicFieldOffset=true"})
public abstract class MemoryBenchmark {

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    /**
     * Bytes of all live objects, from the class histogram the JVM takes after a full collection. (The heap usage
     * of the memory bean, read after {@code System.gc()}, proved off by megabytes from one count to the next.)
     */
    static long liveHeapBytes() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
            if (!total.find()) {
                throw new IllegalStateException("no total in the class histogram");
            }
            return Long.parseLong(total.group(1));
        } catch (JMException e) {
            throw new IllegalStateException("cannot take a class histogram", e);
        }
    }
}
