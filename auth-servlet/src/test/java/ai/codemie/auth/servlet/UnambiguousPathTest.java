package ai.codemie.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finding 2, servlet side: a path rule must decide on the one reading of the path the application routes. */
class UnambiguousPathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/                                    | /",
            "/v1/projects/proj-a/assistants       | /v1/projects/proj-a/assistants",
            "/v1/projects/proj%2Da/assistants     | /v1/projects/proj-a/assistants",
            "/v1/projects/proj%20a                | '/v1/projects/proj a'",
            "/v1/projects/proj-a%3Bx              | /v1/projects/proj-a;x",
            "/v1/projects/%C3%A9                  | /v1/projects/\u00e9",
            "/v1/health/                          | /v1/health/",
            "/V1/Health                           | /V1/Health",
            "/v1/projects/.../x.y/.z/z.           | /v1/projects/.../x.y/.z/z.",
            "/v1/projects/...%2Dx/x.y             | /v1/projects/...-x/x.y"})
    void decodesAPlainPathSegmentBySegment(String raw, String decoded) {
        assertThat(UnambiguousPath.decode(raw)).isEqualTo(decoded);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/v1/projects/proj-a;x=y/assistants | a path parameter (';')",
            "/v1/projects;x/proj-a/assistants   | a path parameter (';')",
            "/v1/projects/proj-a;jsessionid=1   | a path parameter (';')",
            "/v1/projects/proj-a/assistants;    | a path parameter (';')",
            "/v1/projects/./proj-a              | a dot segment ('.' or '..')",
            "/v1/projects/x/../proj-b           | a dot segment ('.' or '..')",
            "/v1/projects/%2e/proj-a            | a dot segment ('.' or '..')",
            "/v1/projects/x/%2E%2e/proj-b       | a dot segment ('.' or '..')",
            "/v1/projects/x/.%2e/proj-b         | a dot segment ('.' or '..')",
            "/v1//projects/proj-a               | an empty segment ('//')",
            "//v1/projects/proj-a               | an empty segment ('//')",
            "/v1/projects/proj-a%2Fb            | an encoded or raw separator ('%2F', '\\', '%5C')",
            "/v1/projects/proj-a%2fb            | an encoded or raw separator ('%2F', '\\', '%5C')",
            "/v1/projects/proj-a%5Cb            | an encoded or raw separator ('%2F', '\\', '%5C')",
            "/v1/projects/proj-a%5cb            | an encoded or raw separator ('%2F', '\\', '%5C')",
            "/v1/projects/proj-a\\b             | an encoded or raw separator ('%2F', '\\', '%5C')",
            "/v1/projects/%C0%AF                | a percent-encoding that is not UTF-8",
            "/v1/projects/%FF                   | a percent-encoding that is not UTF-8",
            "/v1/projects/proj-a%252F           | an encoded '%' ('%25')",
            "/v1/projects/proj-a%00             | a control character",
            "/v1/projects/proj-a%09             | a control character",
            "/v1/projects/proj-a%ZZ             | a malformed percent-encoding",
            "/v1/projects/proj-a%2              | a malformed percent-encoding",
            "/v1/projects/proj-a%               | a malformed percent-encoding",
            "/v1/projects/\u00e9                | a character that is not percent-encoded",
            "/v1/projects/.                     | a dot segment ('.' or '..')",
            "/..                                | a dot segment ('.' or '..')",
            "/v1/projects/%41/..                | a dot segment ('.' or '..')",
            "/v1/projects/proj\u0001a           | a control character",
            "/v1/projects/proj-a\u007f/x        | a control character",
            "/v1/projects/proj-a\u007f/%41      | a control character"})
    void refusesEveryPathWithAnotherReading(String raw, String what) {
        assertThatThrownBy(() -> UnambiguousPath.decode(raw))
                .isInstanceOfSatisfying(AuthException.class, refusal -> assertThat(refusal.problem()).isEqualTo(
                        new Problem(Problem.Status.BAD_REQUEST, "invalid_path", "Invalid request path",
                                "The path must not contain " + what + ".", null)));
    }
}
