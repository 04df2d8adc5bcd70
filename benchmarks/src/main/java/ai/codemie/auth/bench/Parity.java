package ai.codemie.auth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The check run before measuring: every contender must return the expected decision for every generated request,
 * and the data must hold both allows and denies. A mismatch fails the run, because a fast wrong answer is no
 * result.
 */
public final class Parity {

    private Parity() {
    }

    /**
     * Throws {@link IllegalStateException} naming the first disagreements unless every contender decides every
     * request as {@code expected} does.
     */
    public static <R> void require(String scenario, R[] requests, Predicate<R> expected,
            Map<String, Predicate<R>> contenders) {
        int allows = 0;
        List<String> mismatches = new ArrayList<>();
        for (R request : requests) {
            boolean want = expected.test(request);
            allows += want ? 1 : 0;
            for (Map.Entry<String, Predicate<R>> contender : contenders.entrySet()) {
                boolean got = contender.getValue().test(request);
                if (got != want && mismatches.size() < 5) {
                    mismatches.add(contender.getKey() + " said " + (got ? "allow" : "deny") + " for " + request);
                }
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(scenario + ": contenders disagree with the expected decisions: "
                    + String.join("; ", mismatches));
        }
        if (allows == 0 || allows == requests.length) {
            throw new IllegalStateException(scenario + ": the generated requests must hold allows and denies, "
                    + allows + " of " + requests.length + " are allows");
        }
    }
}
