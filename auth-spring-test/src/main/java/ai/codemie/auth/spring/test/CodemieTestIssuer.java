package ai.codemie.auth.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the application of a Spring Boot test trust the test kit's token issuer, in one line: the test's application
 * context gets its own {@code TestTokens} issuer (an RSA key whose JWKS is served on a loopback port), the only
 * trusted issuer of the context ({@code JWKS_TRUSTED_ISSUERS} names it, with audience {@code codemie}), and a bean
 * the test injects to mint real signed tokens. Everything else of the application's configuration is left as it is,
 * so the tokens go through the same verification, claim mapping and endpoint annotations as in production — in the
 * spirit of spring-security-test's {@code jwt()}. The issuer stops when the context closes.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * @CodemieTestIssuer
 * class AssistantsTest {
 *     @Autowired TestTokens tokens;
 *
 *     @Test
 *     void memberListsAssistants(@LocalServerPort int port) {
 *         String token = tokens.forUser("alice").roles("developer").applications("proj-a").sign();
 *         // call http://127.0.0.1:port/v1/projects/proj-a/assistants with "Authorization: Bearer " + token
 *     }
 * }
 * }</pre>
 *
 * <p>For tests that need no token at all, {@link WithCodemieUser} installs a caller directly; use one or the other
 * in a test class.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CodemieTestIssuer {
}
