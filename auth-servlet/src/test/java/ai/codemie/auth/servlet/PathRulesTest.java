package ai.codemie.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.policy.RequirementKind;
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
    void decidesATenantPermissionInTheActiveTenantItIsGiven() {
        PathRules table = PathRules.builder()
                .require("POST", "/v1/agents/{agent}/chat", RequirementKind.TENANT_PERMISSION.on("agent", "chat",
                        "agent"))
                .require("GET", "/v1/health", Requirements.authenticated())
                .build();
        PathRules.Match chat = table.match("POST", "/v1/agents/finance-bot/chat");
        assertThat(chat.requirement(() -> "acme"))
                .isEqualTo(Requirements.tenantPermission("acme", "agent:chat:finance-bot"));
        assertThatThrownBy(chat::requirement).isInstanceOf(IllegalStateException.class);
        // a rule outside tenants never asks for the tenant, so a malformed header cannot refuse it
        assertThat(table.match("GET", "/v1/health").requirement(() -> {
            throw new AssertionError("asked for the tenant");
        })).isSameAs(Requirements.authenticated());
        assertThatThrownBy(() -> PathRules.builder()
                .require("POST", "/v1/agents/{name}/chat", RequirementKind.TENANT_PERMISSION.on("agent", "chat",
                        "agent")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern /v1/agents/{name}/chat has no variable {agent}");
    }

    @Test
    void buildsARequirementTemplateFromThePathVariablesItNames() {
        PathRules table = PathRules.builder()
                .require("GET", "/v1/kbs/{kb}", RequirementKind.KNOWLEDGE_BASE_ACCESS.on("kb"))
                .require("GET", "/v1/tools", RequirementKind.ROLE.on("developer"))
                .build();
        assertThat(table.match("GET", "/v1/kbs/kb-1").requirement())
                .isEqualTo(Requirements.knowledgeBaseAccess("kb-1"));
        assertThat(table.match("GET", "/v1/tools").requirement()).isEqualTo(Requirements.role("developer"));
        assertThatThrownBy(() -> PathRules.builder()
                .require("GET", "/v1/kbs/{name}", RequirementKind.KNOWLEDGE_BASE_ACCESS.on("kb")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pattern /v1/kbs/{name} has no variable {kb}");
    }

    @Test
    void matchesLiteralSegmentsCaseSensitively() {
        assertThat(rules.match("GET", "/v1/health").isPublic()).isTrue();
        assertThat(rules.match("GET", "/v1/projects/PROJ-A/assistants").requirement().describe())
                .isEqualTo("projectAccess(PROJ-A)");
    }

    /** Finding 2: a router that ignores case or a trailing slash would call the endpoint the fallback decided. */
    @Test
    void refusesAPathThatDiffersFromARuleOnlyByCaseOrATrailingSlash() {
        for (String path : new String[] {"/V1/health", "/v1/health/", "/v1/Projects/proj-b/assistants",
                "/v1/projects/proj-b/assistants/", "/V1/PROJECTS/proj-b/ASSISTANTS/"}) {
            assertThatThrownBy(() -> rules.match("GET", path)).as(path)
                    .isInstanceOfSatisfying(AuthException.class, refusal -> assertThat(refusal.problem())
                            .isEqualTo(new Problem(Problem.Status.BAD_REQUEST, "invalid_path", "Invalid request path",
                                    "The path differs from an endpoint's path by letter case or a trailing slash; "
                                            + "send it exactly.", null)));
        }
        assertThat(rules.match("POST", "/V1/health").rule()).as("no rule for the method").isNull();
        assertThat(rules.match("GET", "/v1/healthy").rule()).isNull();
    }

    @Test
    void prefersARuleAsWrittenToOneThatOnlyResemblesThePath() {
        PathRules both = PathRules.builder()
                .require("GET", "/v1/Reports", Requirements.maintainer())
                .require("GET", "/v1/reports", Requirements.adminOrMaintainer())
                .build();
        assertThat(both.match("GET", "/v1/reports").requirement().describe()).isEqualTo("adminOrMaintainer");
        assertThat(both.match("GET", "/v1/Reports").requirement().describe()).isEqualTo("maintainer");
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
        assertThat(PathPattern.parse("/v1/health").match("/v1/health/")).isEmpty();
        assertThat(PathPattern.parse("/v1/projects/{project}").match("/v1/projects/")).isEmpty();
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
