package ai.codemie.auth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameSetTest {

    private static List<String> names(int count) {
        return IntStream.range(0, count).mapToObj(i -> "project-" + i).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 9, 126, 127, 1000})
    void findsEveryNameAndNoOtherAtEverySize(int count) {
        Set<String> set = NameSet.copyOf(names(count));
        assertThat(set).hasSize(count).containsExactlyElementsOf(names(count));
        for (String name : names(count)) {
            assertThat(set.contains(new String(name.toCharArray()))).as(name).isTrue();
        }
        assertThat(set.contains("project-" + count)).isFalse();
        assertThat(set.contains("Project-0")).isFalse();
        assertThat(set.contains(null)).isFalse();
        assertThat(set.contains(42)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20, 300})
    void keepsTheFirstOccurrenceOfADuplicateInPlace(int count) {
        List<String> withDuplicates = new ArrayList<>(names(count));
        withDuplicates.addAll(0, List.of("project-2", "z"));
        withDuplicates.add("z");
        LinkedHashSet<String> expected = new LinkedHashSet<>(withDuplicates);
        assertThat(NameSet.copyOf(withDuplicates)).containsExactlyElementsOf(expected).hasSize(expected.size());
    }

    @Test
    void equalsAndHashesLikeAnyOtherSet() {
        Set<String> set = NameSet.copyOf(List.of("b", "a", "c"));
        assertThat(set).isEqualTo(new HashSet<>(List.of("a", "b", "c"))).isEqualTo(Set.of("c", "b", "a"));
        assertThat(new HashSet<>(List.of("a", "b", "c"))).isEqualTo(set);
        assertThat(set.hashCode()).isEqualTo(Set.of("a", "b", "c").hashCode());
        assertThat(set).isNotEqualTo(Set.of("a", "b"));
        assertThat(NameSet.copyOf(List.of())).isEqualTo(Set.of()).hasSameHashCodeAs(Set.of());
        assertThat(set).hasToString("[b, a, c]");
    }

    @Test
    void refusesEveryChangeEvenWhenItWouldChangeNothing() {
        Set<String> set = NameSet.copyOf(List.of("a"));
        assertThatThrownBy(() -> set.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.remove("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.removeAll(List.of("x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.retainAll(List.of("a"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.removeIf(name -> false)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(set::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> {
            var iterator = set.iterator();
            iterator.next();
            iterator.remove();
        }).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> NameSet.EMPTY.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesANullName() {
        assertThatThrownBy(() -> NameSet.copyOf(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sharesEqualNamesBetweenSets() {
        String first = new String("proj-shared".toCharArray());
        String second = new String("proj-shared".toCharArray());
        Set<String> one = NameSet.copyOf(List.of(first));
        Set<String> other = NameSet.copyOf(List.of("x", second));
        assertThat(other.toArray()[1]).isSameAs(one.iterator().next());
    }

    @Test
    void copiesANameSetNoFurther() {
        NameSet set = NameSet.copyOf(List.of("a", "b"));
        assertThat(NameSet.copyOf(set)).isSameAs(set);
    }
}
