package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.policy.RequirementTemplate;
import ai.codemie.auth.servlet.PathPattern;
import ai.codemie.auth.servlet.PathRules;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One endpoint of the service: its method and path, who may call it (written into the filter's path rules) and
 * what it answers. Keeping both in one row means a route cannot exist without its rule.
 */
record Endpoint(String method, PathPattern pattern, Consumer<PathRules.Builder> rule, Handler handler) {

    /** Answers a request that the filter has admitted. */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange) throws IOException;
    }

    /** Anyone may call it. */
    static Endpoint open(String method, String pattern, Handler handler) {
        return new Endpoint(method, PathPattern.parse(pattern), rules -> rules.publicPath(method, pattern), handler);
    }

    /** Callers must meet the requirement. */
    static Endpoint of(String method, String pattern, Requirement requirement, Handler handler) {
        return new Endpoint(method, PathPattern.parse(pattern), rules -> rules.require(method, pattern, requirement),
                handler);
    }

    /** Callers must meet the requirement the template builds from the path variables it names. */
    static Endpoint of(String method, String pattern, RequirementTemplate requirement, Handler handler) {
        return new Endpoint(method, PathPattern.parse(pattern), rules -> rules.require(method, pattern, requirement),
                handler);
    }

    /** The same endpoint and rule with another answer. */
    Endpoint answering(Handler other) {
        return new Endpoint(method, pattern, rule, other);
    }

    /** The path variables when the request is for this endpoint. */
    Optional<Map<String, String>> match(String requestMethod, String path) {
        return method.equals(requestMethod) ? pattern.match(path) : Optional.empty();
    }
}
