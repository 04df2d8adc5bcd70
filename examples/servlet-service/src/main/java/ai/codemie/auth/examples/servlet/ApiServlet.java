package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.servlet.CodemieAuthFilter;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Dispatches admitted requests to the endpoint whose method and path match; others are 404. */
final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Problem NOT_FOUND = Problem.of(Problem.Status.NOT_FOUND, "not_found", "Not Found");

    private final transient List<Endpoint> endpoints;

    ApiServlet(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = CodemieAuthFilter.pathOf(request);
        for (Endpoint endpoint : endpoints) {
            Optional<Map<String, String>> variables = endpoint.match(request.getMethod(), path);
            if (variables.isPresent()) {
                Exchange exchange = new Exchange(request, response, variables.get());
                try {
                    endpoint.handler().handle(exchange);
                } catch (Exchange.BadRequest e) {
                    exchange.problem(Problem.invalidBody(e.getMessage()));
                } catch (AuthException e) {
                    // the administration API's refusals: 400, 403, 404, 409, and 503 when the store is down
                    ErrorResponseWriter.write(response, e);
                }
                return;
            }
        }
        new Exchange(request, response, Map.of()).problem(NOT_FOUND);
    }
}
