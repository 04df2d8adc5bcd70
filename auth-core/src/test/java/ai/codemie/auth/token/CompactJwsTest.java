package ai.codemie.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompactJwsTest {

    private static final String HEADER = Base64URL.encode("{\"alg\":\"RS256\"}").toString();
    private static final String PAYLOAD = Base64URL.encode("{\"sub\":\"user-1\"}").toString();
    private static final byte[] SIGNATURE_BYTES = {1, 2, 3, (byte) 0xff, 0, 42, (byte) 0x80};
    private static final String SIGNATURE = Base64URL.encode(SIGNATURE_BYTES).toString();

    @Test
    void signsTheAsciiOfHeaderAndPayload() {
        CompactJws jws = CompactJws.split(HEADER + "." + PAYLOAD + "." + SIGNATURE);

        assertThat(jws.signingInput()).isEqualTo((HEADER + "." + PAYLOAD).getBytes(StandardCharsets.US_ASCII));
        // once both parts are decoded (or the header is one decoded before), the characters are copied unchecked
        CompactJws decoded = CompactJws.split(HEADER + "." + PAYLOAD + "." + SIGNATURE);
        assertThat(decoded.headerIs(HEADER.substring(1))).isFalse();
        assertThat(decoded.headerIs(HEADER)).isTrue();
        assertThat(decoded.payload()).containsEntry("sub", "user-1");
        assertThat(decoded.signingInput()).isEqualTo((HEADER + "." + PAYLOAD).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void neverNarrowsAnotherCharacterIntoTheSigningInput() {
        // U+0141 would narrow to 'A' (0x41): a second text of the same signed bytes
        String forged = "\u0141" + HEADER.substring(1) + "." + PAYLOAD + "." + SIGNATURE;

        assertThatThrownBy(() -> CompactJws.split(forged).signingInput())
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.rejection()).isEqualTo(TokenRejection.MALFORMED));
    }

    @Test
    void decodesTheSignatureOnceAsNimbusWouldAndHandsOutCopies() {
        DecodedSignature signature = CompactJws.split(HEADER + "." + PAYLOAD + "." + SIGNATURE).signature();

        assertThat(signature.length()).isEqualTo(SIGNATURE_BYTES.length);
        assertThat(signature.decode()).isEqualTo(new Base64URL(SIGNATURE).decode()).isEqualTo(SIGNATURE_BYTES);
        assertThat(signature.toString()).isEqualTo(SIGNATURE);
        assertThat(signature).isEqualTo(new Base64URL(SIGNATURE));
        signature.decode()[0] = 99;
        assertThat(signature.decode()).isEqualTo(SIGNATURE_BYTES);
    }

    @Test
    void decodesEveryLengthAsTheJdkDoesAndRefusesStrayBitsInTheLastCharacter() {
        java.util.Random random = new java.util.Random(7);
        for (int length = 0; length <= 40; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

            assertThat(CompactJws.split(HEADER + "." + PAYLOAD + "." + encoded).signature().decode())
                    .as("%d bytes", length).isEqualTo(bytes);
            if (encoded.length() % 4 != 0) {
                // the last character of a 2- or 3-character group carries 4 or 2 bits beyond the bytes: set one
                char last = encoded.charAt(encoded.length() - 1);
                String stray = encoded.substring(0, encoded.length() - 1) + base64url(value(last) | 1);
                assertThatThrownBy(() -> CompactJws.split(HEADER + "." + PAYLOAD + "." + stray).signature())
                        .as("%d bytes, stray bit", length).isInstanceOf(TokenRejectedException.class);
            }
            if (encoded.length() % 4 == 0) {
                String oneOver = encoded + "A"; // one character more than whole bytes can be
                assertThatThrownBy(() -> CompactJws.split(HEADER + "." + PAYLOAD + "." + oneOver).signature())
                        .as("%d bytes, one character over", length).isInstanceOf(TokenRejectedException.class);
            }
            for (int i = 0; i < encoded.length(); i++) {
                for (char outside : new char[] {'+', '/', '=', '*', '\u00e9'}) {
                    String bad = encoded.substring(0, i) + outside + encoded.substring(i + 1);
                    assertThatThrownBy(() -> CompactJws.split(HEADER + "." + PAYLOAD + "." + bad).signature())
                            .as("%d bytes, %s at %d", length, outside, i).isInstanceOf(TokenRejectedException.class);
                }
            }
        }
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static int value(char c) {
        return ALPHABET.indexOf(c);
    }

    private static char base64url(int value) {
        return ALPHABET.charAt(value);
    }

    @Test
    void refusesASignatureThatIsNotCanonicalBase64url() {
        // "AQID_wAqgA": its last character's low four bits lie beyond the bytes; "B" sets one of them
        String stray = SIGNATURE.substring(0, SIGNATURE.length() - 1) + "B";
        for (String signature : new String[] {SIGNATURE + "=", "a+b/", stray, "\u00e9"}) {
            assertThatThrownBy(() -> CompactJws.split(HEADER + "." + PAYLOAD + "." + signature).signature())
                    .as(signature)
                    .isInstanceOfSatisfying(TokenRejectedException.class,
                            e -> assertThat(e.rejection()).isEqualTo(TokenRejection.MALFORMED));
        }
    }
}
