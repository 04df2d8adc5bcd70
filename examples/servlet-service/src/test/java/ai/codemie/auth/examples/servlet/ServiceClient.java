package ai.codemie.auth.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real HTTP calls to a running service. */
final class ServiceClient {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    ServiceClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Sends the request; a null body is no body, headers are name-value pairs. */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request with the token as a bearer token, or without any when the token is null. */
    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        return token == null ? send(method, path, body) : send(method, path, body, "Authorization", "Bearer " + token);
    }

    static Map<String, Object> object(HttpResponse<String> response) throws Exception {
        return JSONObjectUtils.parse(response.body());
    }

    static List<Object> array(HttpResponse<String> response) throws Exception {
        return JSONArrayUtils.parse(response.body());
    }

    /** The envelope's inner object, after checking that the envelope has exactly its three members. */
    static Map<String, Object> error(HttpResponse<String> response) throws Exception {
        return error(response.headers().firstValue("Content-Type"), response.body());
    }

    /** The envelope's inner object of an answer with that content type and body. */
    static Map<String, Object> error(Optional<String> contentType, String answer) throws Exception {
        assertThat(contentType).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> body = JSONObjectUtils.parse(answer);
        assertThat(body).containsOnlyKeys("error");
        Map<String, Object> error = JSONObjectUtils.getJSONObject(body, "error");
        assertThat(error).containsOnlyKeys("message", "details", "help");
        return error;
    }
}
