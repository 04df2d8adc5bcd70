package ai.codemie.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatternCoverageTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // caller's patterns | role's patterns | boundary | first uncovered or null
                Arguments.of("holding agent:chat does not cover agent:*", "agent:chat", "agent:*", "*:*", "agent:*"),
                Arguments.of("*:* in a *:* tenant covers everything", "*:*",
                        "agent:*,process:run:nightly,*:view,*:*:x,*:*", "*:*", null),
                Arguments.of("the boundary cuts a role's *:* down to what the caller holds", "agent:*", "*:*",
                        "agent:*", null),
                Arguments.of("the boundary cuts *:* down to more than the caller holds", "agent:chat", "*:*",
                        "agent:*", "*:*"),
                Arguments.of("two boundary patterns, one of them uncovered", "agent:*", "*:*",
                        "agent:*,process:*", "*:*"),
                Arguments.of("a union does not cover what no single pattern covers", "agent:chat,agent:view",
                        "agent:*", "*:*", "agent:*"),
                Arguments.of("unless the boundary leaves only what the union covers", "agent:chat,agent:view",
                        "agent:*", "agent:chat,agent:view", null),
                Arguments.of("a pattern wholly outside the boundary allows nothing", "", "process:run", "agent:*",
                        null),
                Arguments.of("the caller's patterns outside the boundary do not help", "process:*", "agent:chat",
                        "agent:*", "agent:chat"),
                Arguments.of("an omitted instance covers every instance", "agent:chat", "agent:chat:x", "*:*", null),
                Arguments.of("one instance does not cover every instance", "agent:chat:x", "agent:chat", "*:*",
                        "agent:chat"),
                Arguments.of("an action wildcard with an instance", "agent:*:x", "agent:chat:x", "*:*", null),
                Arguments.of("an instance does not cover a permission without one", "agent:*:x", "agent:chat",
                        "*:*", "agent:chat"),
                Arguments.of("a resource wildcard covers that action of any resource", "*:view",
                        "agent:view:x,process:view", "*:*", null),
                Arguments.of("a resource wildcard does not cover other actions", "*:view", "agent:*", "*:*",
                        "agent:*"),
                Arguments.of("a role giving out nothing", "", "", "*:*", null),
                Arguments.of("a caller with nothing, a tenant with nothing", "", "*:*", "", null),
                Arguments.of("a caller with nothing in a tenant with something", "", "agent:chat", "*:*",
                        "agent:chat"),
                Arguments.of("the first uncovered as written", "agent:*", "agent:chat:*,process:run:*,knowledge:*",
                        "*:*", "process:run:*"),
                Arguments.of("the boundary's instance cuts the role down", "agent:chat:x", "agent:*", "agent:chat:x",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsTheFirstRolePatternTheCallerDoesNotHold(String description, String granted, String requested,
            String boundary, String uncovered) {
        assertThat(PatternCoverage.firstUncovered(patterns(granted), patterns(requested), patterns(boundary))
                .map(Object::toString)).isEqualTo(Optional.ofNullable(uncovered));
    }

    @Test
    void readsTheCallersRolesAndBoundaryFromTheirMembership() {
        TenantDefinition tenant = TenantDefinition.of("dept", patterns("agent:*,process:run"), List.of(
                TenantRole.of("Department Admin", "agent:*", "tenant.users:manage"),
                TenantRole.of("Runner", "process:*")));
        assertThat(PatternCoverage.firstUncovered(tenant.access(List.of("Department Admin")), patterns("*:*")))
                .map(Object::toString).contains("*:*");
        assertThat(PatternCoverage.firstUncovered(tenant.access(List.of("Department Admin", "Runner")),
                patterns("*:*"))).isEmpty();
        assertThat(PatternCoverage.firstUncovered(tenant.access(List.of("Department Admin")),
                patterns("agent:chat,tenant.users:manage"))).isEmpty();
    }

    private static List<PermissionPattern> patterns(String commaSeparated) {
        return commaSeparated.isEmpty() ? List.of()
                : PermissionPattern.parseAll(Arrays.asList(commaSeparated.split(",")));
    }
}
