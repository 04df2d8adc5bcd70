package ai.codemie.auth.examples.quickstart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class QuickstartApplication {

    public static void main(String[] args) {
        // the library's settings come from the environment: JWKS_TRUSTED_ISSUERS and the others of the README
        SpringApplication.run(QuickstartApplication.class, args);
    }
}
