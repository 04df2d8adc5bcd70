package ai.codemie.auth.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.test.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

/** Which test classes get an issuer, and that the issuer lives exactly as long as its context. */
class CodemieTestIssuerContextCustomizerFactoryTest {

    private final CodemieTestIssuerContextCustomizerFactory factory = new CodemieTestIssuerContextCustomizerFactory();

    @CodemieTestIssuer
    static class Marked {
    }

    static class Subclass extends Marked {
    }

    static class Unmarked {
    }

    @Test
    void customizesMarkedClassesAndTheirSubclassesOnly() {
        assertThat(factory.createContextCustomizer(Marked.class, List.of())).isNotNull()
                .isEqualTo(factory.createContextCustomizer(Subclass.class, List.of()));
        assertThat(factory.createContextCustomizer(Unmarked.class, List.of())).isNull();
    }

    @Test
    void stopsTheIssuerWhenTheContextCloses() throws Exception {
        ContextCustomizer customizer = factory.createContextCustomizer(Marked.class, List.of());
        GenericApplicationContext context = new GenericApplicationContext();
        customizer.customizeContext(context, null);
        context.refresh();
        TestTokens tokens = context.getBean(TestTokens.class);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest keys = HttpRequest.newBuilder(tokens.jwksUri()).build();
        assertThat(http.send(keys, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        context.close();

        assertThat(catchConnectionFailure(http, tokens.jwksUri())).isTrue();
    }

    private static boolean catchConnectionFailure(HttpClient http, URI uri) throws InterruptedException {
        try {
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (java.io.IOException refused) {
            return true;
        }
    }
}
