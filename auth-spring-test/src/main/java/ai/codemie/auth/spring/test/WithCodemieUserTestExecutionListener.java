package ai.codemie.auth.spring.test;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.TestCallers;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Installs the {@link WithCodemieUser} caller of a test method (or of its class) before the method runs and
 * removes it afterwards.
 */
public final class WithCodemieUserTestExecutionListener extends AbstractTestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        WithCodemieUser user = AnnotatedElementUtils.findMergedAnnotation(testContext.getTestMethod(),
                WithCodemieUser.class);
        if (user == null) {
            user = TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(), WithCodemieUser.class);
        }
        if (user != null) {
            TestCallers callers = testContext.getApplicationContext().getBean(TestCallers.class);
            TestCallerFilter.current(callers.install(permissions(user,
                    testContext.getApplicationContext().getBeanProvider(UserStore.class))));
        }
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        TestCallerFilter.current(null);
    }

    /** After Spring's own listeners (dependency injection), so the context is ready. */
    @Override
    public int getOrder() {
        return 10_000;
    }

    static EffectivePermissions permissions(WithCodemieUser user, ObjectProvider<UserStore> store) {
        return EffectivePermissions.builder(new UserIdentity(user.id(), user.id(), user.id(),
                        user.id() + "@example.com", null, user.external() ? "external" : UserIdentity.REGULAR))
                .roles(List.of(user.roles())).admin(user.admin()).maintainer(user.maintainer())
                .external(user.external()).projects(List.of(user.projects()))
                .adminProjects(List.of(user.adminProjects())).knowledgeBases(List.of(user.knowledgeBases()))
                .projectLimit(user.projectLimit() < 0 ? null : user.projectLimit())
                .tenants(Arrays.stream(user.tenants()).map(tenant -> membership(tenant, store)).toList()).build();
    }

    private static TenantAccess membership(TenantRoles tenant, ObjectProvider<UserStore> store) {
        if (tenant.roles().length > 0 && tenant.patterns().length > 0) {
            throw new IllegalStateException("@TenantRoles(tenant = \"" + tenant.tenant() + "\") gives both roles and "
                    + "patterns; give one of them");
        }
        if (tenant.patterns().length > 0 || tenant.roles().length == 0) {
            return TestCallers.tenantPatterns(tenant.tenant(), tenant.patterns());
        }
        UserStore users = store.getIfAvailable();
        if (users == null) {
            throw new IllegalStateException("@TenantRoles(tenant = \"" + tenant.tenant() + "\", roles = ...) reads "
                    + "the roles from the application's UserStore bean, and there is none; give patterns instead");
        }
        return TestCallers.tenantRoles(users, tenant.tenant(), tenant.roles());
    }
}
