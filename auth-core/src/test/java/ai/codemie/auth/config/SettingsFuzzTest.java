package ai.codemie.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.error.InvalidConfigurationException;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONArrayUtils;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fuzzes the settings parser with any environment: it answers settings, or an {@link InvalidConfigurationException}
 * that names one of the library's settings, never another exception; and a shared secret never shows, neither in
 * the error nor in the settings' text.
 *
 * <p>An input is lines of {@code NAME=value}. In the value of {@code JWKS_TRUSTED_ISSUERS}, when it is a JSON list,
 * the test puts a secret of its own into every {@code shared_secret} member; a line {@code ~} followed by an
 * operation ({@code d} delete, {@code i} insert, {@code t} truncate), a position and a character (one byte each)
 * then breaks the JSON around it, as an operator's typo would.
 */
class SettingsFuzzTest {

    /** Every setting the library reads, by name. */
    private static final Set<String> SETTINGS = AuthSettings.SETTINGS.stream().map(Setting::name)
            .collect(Collectors.toUnmodifiableSet());

    /** A secret no input can hold unless the fuzzer copies it from this test. */
    private static final String SECRET = "canary-" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(new SecureRandom().generateSeed(24));
    private static final String MASK = "*".repeat(SECRET.length());
    private static final int SECRET_WINDOW = 12;

    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"null", "[null]", "{}", "\"issuer\":", "\"audience\":", "\"jwks_uri\":", "\"discovery_url\":",
        "\"algorithms\":", "\"preset\":", "\"role_claims\":", "\"group_roles\":", "\"resource_access_clients\":",
        "\"shared_secret\":", "JWKS_TRUSTED_ISSUERS=", "IDP_PROVIDER=local", "https://"})
    void acceptsOrNamesTheBadSettingWithoutShowingTheSecret(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Map<String, String> environment = new HashMap<>();
        String breakage = null;
        for (String line : text.split("\n", -1)) {
            int equals = line.indexOf('=');
            if (line.startsWith("~")) {
                breakage = line;
            } else if (equals >= 0) {
                environment.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        String issuers = environment.get(AuthSettings.JWKS_TRUSTED_ISSUERS.name());
        // what the fuzzer wrote: the input, and the broken value with a mask where the secret goes, so that the
        // secret's characters in a message can only come from the secret itself
        String written = text;
        if (issuers != null) {
            environment.put(AuthSettings.JWKS_TRUSTED_ISSUERS.name(), broken(withSecrets(issuers, SECRET), breakage));
            written += broken(withSecrets(issuers, MASK), breakage);
        }
        boolean secretInInput = containsPartOfSecret(written);

        AuthSettings settings;
        try {
            settings = AuthSettings.fromEnvironment(environment);
        } catch (InvalidConfigurationException refused) {
            assertThat(SETTINGS).contains(refused.setting());
            assertThat(refused.getMessage()).startsWith(refused.setting() + ": ");
            if (!secretInInput) {
                assertThat(containsPartOfSecret(refused.getMessage())).as("the secret in: %s", refused.getMessage())
                        .isFalse();
            }
            return;
        }
        if (!secretInInput) {
            assertThat(containsPartOfSecret(settings.toString())).as("the secret in: %s", settings).isFalse();
        }
    }

    /** The JSON list with the secret as the value of every {@code shared_secret}, or the text unchanged. */
    private static String withSecrets(String json, String secret) {
        List<Object> elements;
        try {
            elements = JSONArrayUtils.parse(json);
        } catch (ParseException notAList) {
            return json;
        }
        if (elements == null) {
            return json;
        }
        List<Object> replaced = elements.stream().map(element -> {
            if (element instanceof Map<?, ?> map && map.containsKey("shared_secret")) {
                Map<Object, Object> copy = new LinkedHashMap<>(map);
                copy.put("shared_secret", secret);
                return copy;
            }
            return element;
        }).toList();
        return JSONArrayUtils.toJSONString(replaced);
    }

    /** The text after the breakage the line {@code ~<op><position><character>} asks for. */
    private static String broken(String json, String breakage) {
        if (breakage == null || breakage.length() < 4) {
            return json;
        }
        int at = (breakage.charAt(2) & 0xff) * (json.length() + 1) / 256;
        return switch (breakage.charAt(1)) {
            case 'd' -> at < json.length() ? json.substring(0, at) + json.substring(at + 1) : json;
            case 'i' -> json.substring(0, at) + breakage.charAt(3) + json.substring(at);
            case 't' -> json.substring(0, at);
            default -> json;
        };
    }

    private static boolean containsPartOfSecret(String text) {
        for (int i = 0; i + SECRET_WINDOW <= SECRET.length(); i++) {
            if (text.contains(SECRET.substring(i, i + SECRET_WINDOW))) {
                return true;
            }
        }
        return false;
    }
}
