package ai.codemie.auth.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A tenant membership of a {@link WithCodemieUser} caller: either roles of a tenant seeded in the application's
 * {@code UserStore} bean ({@code @TenantRoles(tenant = "acme", roles = "editor")}), or patterns given directly, held
 * through one role in a tenant whose boundary is {@code *:*} ({@code @TenantRoles(tenant = "acme", patterns =
 * "agent:chat")}), which needs no store.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface TenantRoles {

    /** The tenant id. */
    String tenant();

    /** Names of the tenant's roles in the store, matched ignoring case; an unknown tenant or role fails the test. */
    String[] roles() default {};

    /** Patterns the caller holds in the tenant, instead of stored roles. */
    String[] patterns() default {};
}
