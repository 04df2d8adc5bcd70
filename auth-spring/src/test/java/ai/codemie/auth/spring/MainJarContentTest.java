package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.TestOnlyCode;
import org.junit.jupiter.api.Test;

/** The starter's jar holds no test code: test support lives in auth-test and auth-spring-test. */
class MainJarContentTest {

    @Test
    void mainJarHoldsNoTestOnlyClass() {
        assertThat(TestOnlyCode.mainClasses()).isNotEmpty();
        TestOnlyCode.NOT_IN_MAIN_CODE.check(TestOnlyCode.mainClasses());
    }
}
