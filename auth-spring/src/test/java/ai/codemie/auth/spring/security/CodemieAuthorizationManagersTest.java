package ai.codemie.auth.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.RequirementKind;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.test.TestCallers;
import ai.codemie.auth.test.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Each requirement as a Spring Security manager and as a {@code @codemie} expression, allowing and denying. */
class CodemieAuthorizationManagersTest {

    static final EffectivePermissions ADMIN = TestCallers.user("admin").roles(List.of("admin")).admin(true).build();
    static final EffectivePermissions MAINTAINER = TestCallers.user("maintainer").maintainer(true).build();
    static final EffectivePermissions LEAD = TestCallers.user("lead").roles(List.of("developer"))
            .adminProjects(List.of("proj-a")).build();
    static final EffectivePermissions MEMBER = TestCallers.user("member").roles(List.of("developer"))
            .projects(List.of("proj-a")).knowledgeBases(List.of("kb-1")).build();

    private static final Map<String, String> PATH = Map.of("project", "proj-a", "kb", "kb-1");

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    static Stream<Arguments> managers() {
        return Stream.of(
                Arguments.of("adminOrMaintainer", CodemieAuthorizationManagers.adminOrMaintainer(), MAINTAINER,
                        MEMBER, new DenyReason.NotAdmin()),
                Arguments.of("maintainer", CodemieAuthorizationManagers.maintainer(), MAINTAINER, ADMIN,
                        new DenyReason.NotMaintainer()),
                Arguments.of("role", CodemieAuthorizationManagers.role("developer"), MEMBER, ADMIN,
                        new DenyReason.MissingRole("developer")),
                Arguments.of("projectAccess", CodemieAuthorizationManagers.projectAccess("project"), MEMBER,
                        TestCallers.user("outsider").build(), new DenyReason.NotProjectMember("proj-a")),
                Arguments.of("projectAdmin", CodemieAuthorizationManagers.projectAdmin("project"), LEAD, ADMIN,
                        new DenyReason.NotProjectAdmin("proj-a")),
                Arguments.of("adminOrProjectAdmin", CodemieAuthorizationManagers.adminOrProjectAdmin("project"), ADMIN,
                        MEMBER, new DenyReason.NotProjectAdmin("proj-a")),
                Arguments.of("knowledgeBaseAccess", CodemieAuthorizationManagers.knowledgeBaseAccess("kb"), MEMBER,
                        LEAD, new DenyReason.NoKnowledgeBaseAccess("kb-1")),
                Arguments.of("template", CodemieAuthorizationManagers.of(RequirementKind.PROJECT_ADMIN.on("project")),
                        LEAD, MEMBER, new DenyReason.NotProjectAdmin("proj-a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void allowsTheCallerWhoMeetsTheRequirementAndDeniesWithItsReasonOtherwise(String name,
            AuthorizationManager<RequestAuthorizationContext> manager, EffectivePermissions allowed,
            EffectivePermissions denied, DenyReason reason) {
        assertThat(authorize(manager, allowed).isGranted()).isTrue();
        AuthorizationResult result = authorize(manager, denied);
        assertThat(result.isGranted()).isFalse();
        assertThat(result).isInstanceOfSatisfying(CodemieAuthorizationDecision.class,
                decision -> assertThat(decision.decision().reason()).isEqualTo(reason));
    }

    @Test
    void carriesTheLibrarysDecisionWithItsTexts() {
        var result = (CodemieAuthorizationDecision) authorize(CodemieAuthorizationManagers.projectAccess("project"),
                TestCallers.user("outsider").build());
        Decision decision = result.decision();
        assertThat(decision).isEqualTo(Requirements.projectAccess("proj-a").check(TestCallers.user("x").build()));
        assertThat(decision.problem().details()).isEqualTo("You do not have permission to access the project "
                + "'proj-a'.");
        assertThat(result.toString()).isEqualTo("CodemieAuthorizationDecision[" + decision + "]");
    }

    /** Spring Security's own denial holds the result; the envelope writer reads the library's decision from it. */
    @Test
    void aVerifiedDenialHoldsTheDecision() {
        AuthorizationManager<RequestAuthorizationContext> manager = CodemieAuthorizationManagers.adminOrMaintainer();
        assertThatThrownBy(() -> manager.verify(() -> authentication(MEMBER), context()))
                .isInstanceOfSatisfying(AuthorizationDeniedException.class, denied -> assertThat(
                        ((CodemieAuthorizationDecision) denied.getAuthorizationResult()).decision().reason())
                        .isEqualTo(new DenyReason.NotAdmin()));
        assertThatThrownBy(() -> manager.verify(() -> authentication(MEMBER), context()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void deniesACallerCodemieAuthDidNotAuthenticate() {
        for (Authentication other : new Authentication[] {null, new TestingAuthenticationToken("u", "p",
                "ROLE_admin")}) {
            var result = (CodemieAuthorizationDecision) CodemieAuthorizationManagers.of(Requirements.authenticated())
                    .authorize(() -> other, context());
            assertThat(result.isGranted()).isFalse();
            assertThat(result.decision().reason())
                    .isEqualTo(new DenyReason.DecisionError("not authenticated by codemie-auth"));
        }
    }

    @Test
    void refusesToDecideWhenTheMatchedPathLacksTheVariable() {
        assertThatThrownBy(() -> authorize(CodemieAuthorizationManagers.projectAccess("team"), MEMBER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the matched path has no variable 'team'");
    }

    @Test
    void answersEachExpressionForTheCurrentCaller() {
        CodemieSecurityExpressions codemie = new CodemieSecurityExpressions();
        SecurityContextHolder.getContext().setAuthentication(authentication(LEAD));
        assertThat(codemie.projectAdmin("proj-a")).isTrue();
        assertThat(codemie.adminOrProjectAdmin("proj-a")).isTrue();
        assertThat(codemie.projectAccess("proj-a")).isTrue();
        assertThat(codemie.projectAccess("proj-b")).isFalse();
        assertThat(codemie.role("developer")).isTrue();
        assertThat(codemie.role("admin")).isFalse();
        assertThat(codemie.adminOrMaintainer()).isFalse();
        assertThat(codemie.maintainer()).isFalse();
        assertThat(codemie.knowledgeBaseAccess("kb-1")).isFalse();
        assertThat(codemie.meets("projectAdmin", "proj-a")).isTrue();
        assertThat(codemie.meets("knowledgeBaseAccess", "kb-1")).isFalse();
        assertThatThrownBy(() -> codemie.meets("projectAdmins", "proj-a"))
                .isInstanceOf(IllegalArgumentException.class);
        SecurityContextHolder.getContext().setAuthentication(authentication(MAINTAINER));
        assertThat(codemie.maintainer()).isTrue();
        assertThat(codemie.meets("adminOrMaintainer")).isTrue();
        assertThat(codemie.knowledgeBaseAccess("kb-1")).isTrue();
        SecurityContextHolder.clearContext();
        assertThat(codemie.meets("authenticated")).as("nobody signed in").isFalse();
    }

    @Test
    void grantsAnAdminTheAdminRoleAuthorityWhetherOrNotItHoldsTheRole() {
        EffectivePermissions configured = TestCallers.user("configured").roles(List.of("developer")).admin(true)
                .build();
        assertThat(authentication(configured).getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_developer", "ROLE_admin");
        assertThat(authentication(ADMIN).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_admin");
        assertThat(authentication(MEMBER).getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_developer");
    }

    @Test
    void aBridgeDecisionIsMadeAndReportedByTheCodemieAuthThatAuthenticatedTheCaller() {
        List<Decision> observed = new ArrayList<>();
        AuthObserver recorder = new AuthObserver() {
            @Override
            public void decided(Decision decision) {
                observed.add(decision);
            }
        };
        try (TestTokens tokens = TestTokens.start();
                CodemieAuth auth = CodemieAuth.builder(tokens.settings()).observer(recorder).build()) {
            AuthorizationManager<RequestAuthorizationContext> manager =
                    CodemieAuthorizationManagers.projectAccess("project");

            manager.authorize(() -> new CodemieAuthentication(MEMBER, auth), context());
            manager.authorize(() -> new CodemieAuthentication(TestCallers.user("outsider").build(), auth), context());
        }

        assertThat(observed).extracting(Decision::allowed).containsExactly(true, false);
        assertThat(observed.get(1).reason()).isEqualTo(new DenyReason.NotProjectMember("proj-a"));
    }

    private static AuthorizationResult authorize(AuthorizationManager<RequestAuthorizationContext> manager,
            EffectivePermissions caller) {
        return manager.authorize(() -> authentication(caller), context());
    }

    private static CodemieAuthentication authentication(EffectivePermissions caller) {
        return new CodemieAuthentication(caller, "admin");
    }

    private static RequestAuthorizationContext context() {
        return new RequestAuthorizationContext(new MockHttpServletRequest(), PATH);
    }
}
