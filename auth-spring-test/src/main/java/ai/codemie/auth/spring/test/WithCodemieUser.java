package ai.codemie.auth.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring MVC test as a caller with these effective permissions, without tokens or an identity provider —
 * in the spirit of Spring Security's {@code @WithMockUser}. Requests a test sends through {@code MockMvc} without
 * an {@code Authorization} header carry the caller; on a class it applies to every test method without its own.
 *
 * <p>A test class that uses it gets an application context whose {@code CodemieAuth} knows only such callers
 * (the test kit's {@code TestCallers}, also a bean): no trusted issuer needs to be configured, and no key is fetched
 * from any issuer. For end-to-end tests with real signed tokens, see {@link CodemieTestIssuer}.
 *
 * <pre>{@code
 * @WebMvcTest(AssistantController.class)
 * class AssistantControllerTest {
 *     @Autowired MockMvc mvc;
 *
 *     @Test @WithCodemieUser(projects = "proj-a")
 *     void memberListsAssistants() throws Exception {
 *         mvc.perform(get("/v1/projects/proj-a/assistants")).andExpect(status().isOk());
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WithCodemieUser {

    /** The user id (the token's subject). */
    String id() default "test-user";

    /** Platform roles. */
    String[] roles() default {"developer"};

    /** Whether the caller is a platform admin. */
    boolean admin() default false;

    /** Whether the caller is a maintainer (and so an admin). */
    boolean maintainer() default false;

    /** Whether the caller is an external user. */
    boolean external() default false;

    /** Projects the caller is a member of ({@code applications}). */
    String[] projects() default {};

    /** Projects the caller administers ({@code applications_admin}). */
    String[] adminProjects() default {};

    /** Knowledge bases the caller may use. */
    String[] knowledgeBases() default {};

    /** The caller's project limit; negative for none (null). */
    int projectLimit() default -1;

    /**
     * The caller's tenant memberships, e.g. {@code tenants = @TenantRoles(tenant = "acme", roles = "editor")}; none
     * by default.
     */
    TenantRoles[] tenants() default {};
}
