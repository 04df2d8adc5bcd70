package ai.codemie.auth.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.policy.RequirementKind;
import ai.codemie.auth.spring.annotation.RequireAdmin;
import ai.codemie.auth.spring.annotation.RequireAdminOrMaintainer;
import ai.codemie.auth.spring.annotation.RequireAdminOrProjectAdmin;
import ai.codemie.auth.spring.annotation.RequireKnowledgeBaseAccess;
import ai.codemie.auth.spring.annotation.RequireMaintainer;
import ai.codemie.auth.spring.annotation.RequireProjectAccess;
import ai.codemie.auth.spring.annotation.RequireProjectAdmin;
import ai.codemie.auth.spring.annotation.RequireRole;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.spring.annotation.RequirementOf;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/** Every access annotation is read through the requirement kind it declares. */
class EndpointPoliciesTest {

    private final EndpointPolicies policies = new EndpointPolicies();

    @Test
    void readsEachAccessAnnotationAsTheKindItDeclares() {
        assertThat(Map.of("signedIn", "authenticated", "role", "role(developer)", "admin", "adminOrMaintainer",
                "adminOrMaintainer", "adminOrMaintainer", "maintainer", "maintainer",
                "projectAccess", "projectAccess({project})", "projectAdmin", "projectAdmin({project})",
                "adminOrProjectAdmin", "adminOrProjectAdmin({project})", "knowledgeBaseAccess",
                "knowledgeBaseAccess({kb})"))
                .allSatisfy((handler, described) -> assertThat(policy(handler).describe()).as(handler)
                        .isEqualTo(described));
    }

    @Test
    void listsSeveralRequirementsInTheTablesOrderWhateverTheOrderWritten() {
        assertThat(policy("several").describe())
                .isEqualTo("authenticated and role(developer) and knowledgeBaseAccess({kb})");
        assertThat(policy("several").variables()).containsExactly("kb");
    }

    @Test
    void anAnnotationNamingAKindNeedsNothingElse() {
        EndpointPolicy policy = policy("lead");
        assertThat(policy.describe()).isEqualTo("projectAdmin({team})");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("team", "proj-a"));
        assertThat(policy.requirement(request).describe()).isEqualTo("projectAdmin(proj-a)");
    }

    @Test
    void refusesAnAnnotationWithoutTheAttributeItsKindNeeds() {
        assertThatThrownBy(() -> policy("broken")).isInstanceOf(IllegalStateException.class)
                .hasMessage("@RequireBroken declares role but has no attribute 'value' for its role");
    }

    private EndpointPolicy policy(String handler) {
        return policies.policyFor(new HandlerMethod(new Handlers(), List.of(Handlers.class.getDeclaredMethods())
                .stream().filter(m -> m.getName().equals(handler)).findFirst().orElseThrow()));
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @RequirementOf(RequirementKind.PROJECT_ADMIN)
    @interface RequireLead {
        String value();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @RequirementOf(RequirementKind.ROLE)
    @interface RequireBroken {
    }

    @SuppressWarnings("unused")
    static final class Handlers {
        @RequireSignedIn
        void signedIn() {
        }

        @RequireRole("developer")
        void role() {
        }

        @RequireAdmin
        void admin() {
        }

        @RequireAdminOrMaintainer
        void adminOrMaintainer() {
        }

        @RequireMaintainer
        void maintainer() {
        }

        @RequireProjectAccess
        void projectAccess(@PathVariable String project) {
        }

        @RequireProjectAdmin
        void projectAdmin(@PathVariable String project) {
        }

        @RequireAdminOrProjectAdmin
        void adminOrProjectAdmin(@PathVariable String project) {
        }

        @RequireKnowledgeBaseAccess("kb")
        void knowledgeBaseAccess(@PathVariable String kb) {
        }

        @RequireKnowledgeBaseAccess("kb")
        @RequireRole("developer")
        @RequireSignedIn
        void several(@PathVariable String kb) {
        }

        @RequireLead("team")
        void lead(@PathVariable String team) {
        }

        @RequireBroken
        void broken() {
        }
    }
}
