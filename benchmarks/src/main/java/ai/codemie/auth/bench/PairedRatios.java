package ai.codemie.auth.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The ratios of scenario 1 measured in pairs. JMH runs each contender in a fork of its own, one after the other;
 * on a machine whose speed drifts from one minute to the next (a virtual machine sharing its host) that moves a
 * ratio of two contenders by more than a target's margin. Here the four contenders run in one JVM, in rounds: a
 * round times one pass of the 1,024 requests through each contender, in an order that rotates from round to round,
 * and a ratio is taken within each round, where both contenders met the same machine. Printed as Markdown: per
 * contender the quartiles of its pass times (per request), per ratio the quartiles of the rounds' ratios.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar ai.codemie.auth.bench.PairedRatios [rounds] [warm-up rounds]}
 * (default 200 and 100: about 90 s on 2 cores). Needs nothing but the jar.
 */
public final class PairedRatios {

    private PairedRatios() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        if (rounds < 1 || warmUp < 0) {
            throw new IllegalArgumentException("usage: PairedRatios [rounds, at least 1] [warm-up rounds, at least 0]");
        }
        try (UncachedContenders contenders = new UncachedContenders()) {
            Map<String, IntPredicate> byName = contenders.byBenchmarkName();
            List<String> names = new ArrayList<>(byName.keySet());
            int requests = contenders.requests().length;
            double[][] nanos = new double[names.size()][rounds];
            for (int round = -warmUp; round < rounds; round++) {
                for (int k = 0; k < names.size(); k++) {
                    int contender = Math.floorMod(round + k, names.size());
                    double perRequest = pass(byName.get(names.get(contender)), requests);
                    if (round >= 0) {
                        nanos[contender][round] = perRequest;
                    }
                }
            }
            print(names, nanos, rounds, warmUp, requests);
        }
    }

    /** Nanoseconds per request of one pass through every request; the answers are counted, so none is dead code. */
    private static double pass(IntPredicate contender, int requests) {
        long start = System.nanoTime();
        int yes = 0;
        for (int i = 0; i < requests; i++) {
            yes += contender.test(i) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        if (yes == 0) {
            throw new IllegalStateException("a contender answered no to every request of a pass");
        }
        return (double) elapsed / requests;
    }

    private static void print(List<String> names, double[][] nanos, int rounds, int warmUp, int requests) {
        System.out.printf(Locale.ROOT, "%d rounds after %d rounds of warm-up; a round is one pass of the %d requests"
                + " through each contender, in rotating order.%n%n", rounds, warmUp, requests);
        System.out.println("| contender | p25 | median | p75 | mean |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int c = 0; c < names.size(); c++) {
            double[] sorted = nanos[c].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "| %s | %.1f µs | %.1f µs | %.1f µs | %.1f µs |%n", names.get(c),
                    quantile(sorted, 0.25) / 1000, quantile(sorted, 0.5) / 1000, quantile(sorted, 0.75) / 1000,
                    Arrays.stream(sorted).average().orElseThrow() / 1000);
        }
        System.out.println();
        System.out.println("| target | p25 | median of the rounds' ratios | p75 | met (median) |");
        System.out.println("|---|---:|---:|---:|---|");
        for (UncachedContenders.RatioTarget target : UncachedContenders.RATIO_TARGETS) {
            double[] numerator = nanos[names.indexOf(target.numerator())];
            double[] denominator = nanos[names.indexOf(target.denominator())];
            double[] perRound = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                perRound[r] = numerator[r] / denominator[r];
            }
            Arrays.sort(perRound);
            double median = quantile(perRound, 0.5);
            System.out.printf(Locale.ROOT, "| %s | %.2f × | %.2f × | %.2f × | %s |%n", target.name(),
                    quantile(perRound, 0.25), median, quantile(perRound, 0.75), target.met(median) ? "yes" : "**no**");
        }
    }

    /** The quantile of sorted values, interpolated between the two nearest. */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
