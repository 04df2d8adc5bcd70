package ai.codemie.auth.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.spring.annotation.RequireKnowledgeBaseAccess;
import ai.codemie.auth.spring.annotation.RequireProjectAccess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/** Finding 2: the name a requirement checks is the name the handler binds, or the request is refused. */
class EndpointPolicyTest {

    private final EndpointPolicies policies = new EndpointPolicies();

    @Test
    void checksTheOneValueOfAParameter() {
        assertThat(requirement("single", request(Map.of(), "in", "proj-a"))).isEqualTo("projectAccess(proj-a)");
        assertThat(requirement("list", request(Map.of(), "in", "proj-a"))).isEqualTo("projectAccess(proj-a)");
        assertThat(requirement("single", request(Map.of(), "in", "proj-a,proj-b")))
                .as("a String binding keeps the comma").isEqualTo("projectAccess(proj-a,proj-b)");
    }

    @Test
    void aRepeatedRequestParameterDoesNotPassOnItsFirstValue() {
        for (String handler : new String[] {"single", "list"}) {
            assertRefused(handler, request(Map.of(), "in", "proj-a", "proj-b"),
                    "The parameter 'in' is given more than once; give it once.");
            assertRefused(handler, request(Map.of(), "in", "", "proj-a"),
                    "The parameter 'in' is given more than once; give it once.");
        }
    }

    @Test
    void refusesAMissingOrEmptyParameter() {
        for (MockHttpServletRequest request : List.of(request(Map.of()), request(Map.of(), "in", ""))) {
            assertThatThrownBy(() -> requirement("single", request)).isInstanceOfSatisfying(AuthException.class,
                    refusal -> assertThat(refusal.problem().message()).isEqualTo("Missing parameter 'in'"));
        }
    }

    @Test
    void refusesAValueAListOrArrayBindingWouldSplit() {
        for (String handler : new String[] {"list", "array", "optionalSet", "notBound"}) {
            for (String value : new String[] {"proj-a,proj-b", " proj-a", "proj-a\t", ","}) {
                assertRefused(handler, request(Map.of(), "in", value), "The value of 'in' holds a comma or "
                        + "surrounding spaces, and this endpoint would read it as a list; give one name.");
            }
        }
        assertRefused("pathList", request(Map.of("kb", "kb-1,kb-2")), "The value of 'kb' holds a comma or "
                + "surrounding spaces, and this endpoint would read it as a list; give one name.");
    }

    @Test
    void refusesANameGivenBothInThePathAndAsAParameter() {
        assertRefused("path", request(Map.of("kb", "kb-1"), "kb", "kb-2"),
                "'kb' is given both in the path and as a request parameter; give it once.");
        assertRefused("path", request(Map.of("kb", "kb-1"), "kb", "kb-1"),
                "'kb' is given both in the path and as a request parameter; give it once.");
        assertThat(requirement("path", request(Map.of("kb", "kb-1")))).isEqualTo("knowledgeBaseAccess(kb-1)");
    }

    private void assertRefused(String handler, MockHttpServletRequest request, String details) {
        assertThatThrownBy(() -> requirement(handler, request)).as(handler)
                .isInstanceOfSatisfying(AuthException.class, refusal -> {
                    assertThat(refusal.problem().status().code()).isEqualTo(400);
                    assertThat(refusal.problem().message()).startsWith("Ambiguous parameter '");
                    assertThat(refusal.problem().details()).isEqualTo(details);
                });
    }

    private String requirement(String handler, MockHttpServletRequest request) {
        HandlerMethod method = new HandlerMethod(new Handlers(), List.of(Handlers.class.getDeclaredMethods())
                .stream().filter(m -> m.getName().equals(handler)).findFirst().orElseThrow());
        return policies.policyFor(method).requirement(request).describe();
    }

    private static MockHttpServletRequest request(Map<String, String> pathVariables, String... parameter) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, pathVariables);
        if (parameter.length > 0) {
            request.addParameter(parameter[0], List.of(parameter).subList(1, parameter.length).toArray(String[]::new));
        }
        return request;
    }

    @SuppressWarnings("unused")
    static final class Handlers {
        @RequireProjectAccess("in")
        void single(@RequestParam("in") String project) {
        }

        @RequireProjectAccess("in")
        void list(@RequestParam(name = "in") List<String> projects) {
        }

        @RequireProjectAccess("in")
        void array(@RequestParam("in") String[] projects) {
        }

        @RequireProjectAccess("in")
        void optionalSet(@RequestParam("in") Optional<Set<String>> projects) {
        }

        /** Reads the name some other way (a form object, the request): it may split it. */
        @RequireProjectAccess("in")
        void notBound() {
        }

        @RequireKnowledgeBaseAccess("kb")
        void path(@PathVariable("kb") String kb) {
        }

        @RequireKnowledgeBaseAccess("kb")
        void pathList(@PathVariable List<String> kb) {
        }
    }
}
