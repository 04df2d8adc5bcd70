package ai.codemie.auth.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every timed scenario shares, inherited by JMH: average time and sample time (for p50/p99),
 * 3 × 1 s warm-up, 5 × 1 s measurement, one fork with a fixed 2 GiB heap, touched in full at start-up. Sized so
 * that the whole suite fits in well under 15 minutes on 2 cores. Without the pre-touch, the first pass of the
 * allocator through each part of the young generation takes the operating system's page faults inside the measured
 * iterations: on a virtual machine that made the same code measure anywhere from 1× to 2.5× its steady time.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public abstract class TimedBenchmark {
}
