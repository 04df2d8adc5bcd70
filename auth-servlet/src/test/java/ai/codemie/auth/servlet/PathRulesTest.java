package ai.codemie.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.policy.Requirements;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathRulesTest {

    private final PathRules rules = PathRules.builder()
            .publicPath("GET", "/v1/health")
            .require("GET", "/v1/projects/{project}/assistants", "project", Requirements::projectAccess)
            .require("POST", "/v1/admin/application", Requirements.adminOrMaintainer())
            .build();

    @Test
    void capturesAPathVariableIntoTheRequirement() {
        PathRules.Match match = rules.match("GET", "/v1/projects/proj-a/assistants");
        assertThat(match.variables()).isEqualTo(Map.of("project", "proj-a"));
        assertThat(match.requirement().describe()).isEqualTo("projectAccess(proj-a)");
    }

    @Test
    void matchesLiteralSegmentsCaseSensitively() {
        assertThat(rules.match("GET", "/V1/health").isPublic()).isFalse();
        assertThat(rules.match("GET", "/v1/health").isPublic()).isTrue();
    }

    @Test
    void fallsBackToSignedInForUnmatchedPaths() {
        PathRules.Match match = rules.match("GET", "/v1/unknown");
        assertThat(match.rule()).isNull();
        assertThat(match.isPublic()).isFalse();
        assertThat(match.requirement()).isSameAs(Requirements.authenticated());
    }

    @Test
    void doesNotMatchAnotherMethod() {
        assertThat(rules.match("POST", "/v1/health").isPublic()).isFalse();
        assertThat(rules.match("GET", "/v1/admin/application").rule()).isNull();
    }

    @Test
    void coversHeadWithAGetRule() {
        assertThat(rules.match("HEAD", "/v1/projects/p/assistants").requirement().describe())
                .isEqualTo("projectAccess(p)");
    }

    @Test
    void neverMatchesAnEmptyVariableOrExtraSegments() {
        assertThat(rules.match("GET", "/v1/projects//assistants").rule()).isNull();
        assertThat(rules.match("GET", "/v1/projects/a/b/assistants").rule()).isNull();
        assertThat(rules.match("GET", "/v1/health/").isPublic()).isFalse();
        assertThat(rules.match("GET", "/v1/projects/a/assistants/").rule()).isNull();
    }

    @Test
    void refusesARuleNamingAVariableThePatternLacks() {
        assertThatThrownBy(() -> PathRules.builder()
                .require("GET", "/v1/projects/{project}", "name", Requirements::projectAccess))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{name}");
    }

    @Test
    void refusesMalformedPatterns() {
        assertThatThrownBy(() -> PathPattern.parse("v1/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.parse("/v1/{a}-x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.parse("/v1/{a}/{a}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appliesTheFirstMatchingRule() {
        PathRules ordered = PathRules.builder()
                .require("GET", "/v1/admin/users/{id}/budgets", Requirements.maintainer())
                .require("*", "/v1/admin/users/{id}/{what}", Requirements.adminOrMaintainer())
                .build();
        assertThat(ordered.match("GET", "/v1/admin/users/u1/budgets").requirement().describe())
                .isEqualTo("maintainer");
        assertThat(ordered.match("DELETE", "/v1/admin/users/u1/budgets").requirement().describe())
                .isEqualTo("adminOrMaintainer");
    }
}
