package ai.codemie.auth.examples.quickstart;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.codemie.auth.spring.test.WithCodemieUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(AssistantController.class)
class AssistantControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Test
    @WithCodemieUser(id = "alice", projects = "proj-a")  // a caller without any token
    void memberListsAssistantsOfTheirProject() throws Exception {
        mvc.perform(get("/v1/projects/proj-a/assistants")).andExpect(status().isOk());
        mvc.perform(get("/v1/projects/proj-b/assistants")).andExpect(status().isForbidden());
        mvc.perform(get("/v1/me")).andExpect(jsonPath("$.id").value("alice"));
    }
}
