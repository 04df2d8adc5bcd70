package ai.codemie.auth.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The reference service on Spring Boot: every endpoint is protected by an access annotation of
 * auth-spring, and the whole service is configured by environment variables.
 */
@SpringBootApplication
public class SpringServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpringServiceApplication.class, args);
    }
}
