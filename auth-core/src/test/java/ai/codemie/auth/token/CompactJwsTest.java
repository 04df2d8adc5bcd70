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
