package ai.codemie.auth.token;

import com.nimbusds.jose.util.Base64URL;

/**
 * A signature part already decoded by {@link CompactJws}'s strict decoder: nimbus' verifiers call
 * {@link #decode()}, which here copies the bytes instead of running nimbus' generic base64 codec again on every
 * check (the codec costs about as much as parsing the whole payload).
 */
final class DecodedSignature extends Base64URL {

    private static final long serialVersionUID = 1L;

    private final byte[] bytes;

    /**
     * @param text  the base64url text of the signature
     * @param bytes exactly the bytes that {@code text} decodes to; kept, not copied
     */
    DecodedSignature(String text, byte[] bytes) {
        super(text);
        this.bytes = bytes;
    }

    /** The decoded bytes; a copy, so that no verifier can change what the next one checks. */
    @Override
    public byte[] decode() {
        return bytes.clone();
    }

    /** The number of decoded bytes. */
    int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
