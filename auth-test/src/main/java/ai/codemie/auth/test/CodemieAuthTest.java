package ai.codemie.auth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class that uses the test kit: test methods and constructors may declare parameters of
 * the types {@link CodemieAuthExtension} supplies.
 *
 * <pre>{@code
 * @CodemieAuthTest
 * class ProjectAccessTest {
 *     @Test void memberSeesProject(TestTokens tokens, CodemieAuth auth) {
 *         assertThat(auth.authenticate(tokens.forUser("alice").roles("developer").applications("p").sign())
 *                 .hasProjectAccess("p")).isTrue();
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CodemieAuthExtension.class)
public @interface CodemieAuthTest {
}
