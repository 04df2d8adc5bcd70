package ai.codemie.auth.spring.test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

/** Controller tests of three lines: a slice, a caller, a request. */
@WebMvcTest(TestApplication.TestController.class)
class WithCodemieUserTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TokenVerifier verifier;

    @Test
    @WithCodemieUser(projects = "proj-a")
    void memberReachesTheirProject() throws Exception {
        mvc.perform(get("/projects/proj-a")).andExpect(status().isOk());
    }

    @Test
    @WithCodemieUser(projects = "proj-a")
    void memberIsDeniedAnotherProject() throws Exception {
        mvc.perform(get("/projects/proj-b")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error.details").value("You do not have permission to access the project 'proj-b'."));
    }

    @Test
    @WithCodemieUser(id = "boss", admin = true, roles = "admin")
    void adminReachesAdminEndpointAndSeesThemselves() throws Exception {
        mvc.perform(post("/admin")).andExpect(status().isOk());
        mvc.perform(get("/me")).andExpect(jsonPath("$.id").value("boss"));
    }

    @Test
    void requestWithoutCallerIsRefused() throws Exception {
        mvc.perform(get("/me")).andExpect(status().isUnauthorized());
    }

    @Test
    void fetchesNoKeyFromAnyIssuer() {
        // the library's verifier would fetch the keys of every trusted issuer at startup, the callers' fake one too
        assertThat(verifier).isNotInstanceOf(JwtTokenVerifier.class);
    }
}
