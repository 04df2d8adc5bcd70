package ai.codemie.auth.examples.spring;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The reference service on Spring Boot: every endpoint is protected by an access annotation of auth-spring, and
 * the whole service is configured by environment variables. With {@code migrate-keycloak [--dry-run]} as arguments
 * it runs the Keycloak user import once instead, and exits.
 */
@SpringBootApplication
public class SpringServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(MigrateKeycloakCommand.NAME)) {
            // the report alone goes to standard output, in UTF-8 whatever the locale; everything else, logs
            // included, to standard error
            PrintStream report = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                    StandardCharsets.UTF_8);
            System.setOut(System.err);
            System.exit(MigrateKeycloakCommand.run(Arrays.asList(args).subList(1, args.length), report, Map.of()));
        }
        SpringApplication.run(SpringServiceApplication.class, args);
    }
}
