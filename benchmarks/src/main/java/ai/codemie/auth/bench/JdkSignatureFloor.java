package ai.codemie.auth.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/**
 * The crypto floor of the uncached path: the JDK's {@code SHA256withRSA} verifying each token's signature, with the
 * signing input and signature bytes decoded beforehand and one {@link Signature} initialised once with the public
 * key. No parsing, no claims, no decision, no key lookup: whatever a token verifier does beyond this is overhead.
 * Not thread-safe (one {@link Signature}), as the benchmark runs in one thread.
 */
public final class JdkSignatureFloor {

    private final Signature signature;
    private final byte[][] signingInputs;
    private final byte[][] signatures;

    public JdkSignatureFloor(RSAKey publicKey, TokenRequests.Request[] requests) {
        try {
            signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(publicKey.toRSAPublicKey());
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("the JDK cannot verify SHA256withRSA with the benchmark key", e);
        }
        signingInputs = new byte[requests.length][];
        signatures = new byte[requests.length][];
        for (int i = 0; i < requests.length; i++) {
            String token = requests[i].token();
            int lastDot = token.lastIndexOf('.');
            signingInputs[i] = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
            signatures[i] = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        }
    }

    /** The number of prepared tokens, the same as the requests'. */
    public int size() {
        return signatures.length;
    }

    /** Whether the signature of the token at this index verifies; every benchmark token's does. */
    public boolean verifies(int index) {
        try {
            signature.update(signingInputs[index]);
            return signature.verify(signatures[index]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not check a benchmark signature", e);
        }
    }
}
