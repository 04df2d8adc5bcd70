package ai.codemie.auth.token;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The three parts of a compact JWS, checked strictly before anything else looks at them: canonical base64url
 * without padding (RFC 7515 section 2), valid UTF-8, strict JSON objects (see {@link StrictJson}). Five parts is a
 * JWE, refused as such.
 */
final class CompactJws {

    private static final byte[] BASE64URL_VALUES = new byte[128];

    static {
        java.util.Arrays.fill(BASE64URL_VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64URL_VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final String token;
    private final int firstDot;
    private final int secondDot;

    private CompactJws(String token, int firstDot, int secondDot) {
        this.token = token;
        this.firstDot = firstDot;
        this.secondDot = secondDot;
    }

    /** Splits the token into its parts; no decoding yet. */
    static CompactJws split(String token) {
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0) {
            throw malformed();
        }
        int thirdDot = token.indexOf('.', secondDot + 1);
        if (thirdDot >= 0) {
            // header.encrypted_key.iv.ciphertext.tag is a JWE
            throw new TokenRejectedException(dotCount(token) == 4
                    ? TokenRejection.UNSUPPORTED_FORMAT : TokenRejection.MALFORMED);
        }
        return new CompactJws(token, firstDot, secondDot);
    }

    /** The header, as a strict JSON object. */
    Map<String, Object> header() {
        return decodeJson(0, firstDot);
    }

    /** The payload, as a strict JSON object. */
    Map<String, Object> payload() {
        return decodeJson(firstDot + 1, secondDot);
    }

    /** The bytes the signature covers: the ASCII of {@code header.payload}. */
    byte[] signingInput() {
        byte[] ascii = new byte[secondDot];
        for (int i = 0; i < secondDot; i++) {
            char c = token.charAt(i);
            if (c >= 128) {
                throw malformed(); // never narrowed: another character would sign as its low byte
            }
            ascii[i] = (byte) c;
        }
        return ascii;
    }

    /** The signature part, checked to be canonical base64url, decoded once. */
    DecodedSignature signature() {
        return new DecodedSignature(token.substring(secondDot + 1), decode(secondDot + 1, token.length()));
    }

    private Map<String, Object> decodeJson(int from, int to) {
        String json = utf8(decode(from, to));
        try {
            return StrictJson.parseObject(json);
        } catch (StrictJson.MalformedJsonException e) {
            throw malformed();
        }
    }

    /** Decodes canonical base64url: alphabet only, no padding, no stray bits in the last character. */
    private byte[] decode(int from, int to) {
        int length = to - from;
        int tail = length % 4;
        if (tail == 1) {
            throw malformed();
        }
        byte[] out = new byte[length / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
        int bits = 0;
        int bitCount = 0;
        int o = 0;
        for (int i = from; i < to; i++) {
            char c = token.charAt(i);
            int value = c < 128 ? BASE64URL_VALUES[c] : -1;
            if (value < 0) {
                throw malformed();
            }
            bits = bits << 6 | value;
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                out[o++] = (byte) (bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }
        if (bits != 0) {
            throw malformed(); // non-zero padding bits: another encoding of the same bytes
        }
        return out;
    }

    private static String utf8(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            String text = chars.toString();
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                throw malformed(); // a byte order mark is not JSON (RFC 8259 section 8.1)
            }
            return text;
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static int dotCount(String token) {
        int count = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                count++;
            }
        }
        return count;
    }

    private static TokenRejectedException malformed() {
        return new TokenRejectedException(TokenRejection.MALFORMED);
    }
}
