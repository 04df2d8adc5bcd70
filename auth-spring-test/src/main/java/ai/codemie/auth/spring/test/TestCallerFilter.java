package ai.codemie.auth.spring.test;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Test contexts only: gives a request sent on the test's own thread (MockMvc) without an {@code Authorization}
 * header the opaque token of the current {@link WithCodemieUser} caller, before the authentication filter runs.
 */
final class TestCallerFilter implements Filter {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    static void current(String token) {
        if (token == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(token);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String token = CURRENT.get();
        if (token != null && request instanceof HttpServletRequest http && http.getHeader("Authorization") == null) {
            chain.doFilter(new WithAuthorization(http, "Bearer " + token), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static final class WithAuthorization extends HttpServletRequestWrapper {
        private final String authorization;

        WithAuthorization(HttpServletRequest request, String authorization) {
            super(request);
            this.authorization = authorization;
        }

        @Override
        public String getHeader(String name) {
            return "Authorization".equalsIgnoreCase(name) ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Authorization".equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(authorization)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.add("Authorization");
            return Collections.enumeration(names);
        }
    }
}
