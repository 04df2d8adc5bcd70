package ai.codemie.auth.load;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Tokens near the 16 KiB limit: a member of proj-a in many groups, as a large Keycloak realm issues them. */
final class LargeTokens {

    private LargeTokens() {
    }

    /** The claims of a large token for the subject, with that many groups. */
    static JWTClaimsSet.Builder claims(String subject, int groups) {
        List<String> names = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            names.add(String.format("/platform/group-%05d", i));
        }
        return KeyServer.claims(subject).claim("applications", "proj-a").claim("groups", names);
    }

    /** The most groups that keep a token of the HMAC issuer at or under the length, in characters. */
    static int groupsFor(KeyServer keys, int length) {
        int groups = 0;
        while (length(keys, groups + 16) <= length) {
            groups += 16;
        }
        while (length(keys, groups + 1) <= length) {
            groups++;
        }
        return groups;
    }

    /** The length of such a token with a 20-digit token id (the longest the harness sends). */
    static int length(KeyServer keys, int groups) {
        return keys.hmac(claims(UUID.randomUUID().toString(), groups).jwtID("12345678901234567890")).length();
    }
}
