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
    /** Whether the header's characters are known to be base64url: decoded, or the same as a header decoded before. */
    private boolean headerChecked;
    /** Whether the payload's characters are known to be base64url: decoded. */
    private boolean payloadChecked;

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
        Map<String, Object> header = decodeJson(0, firstDot);
        headerChecked = true;
        return header;
    }

    /** The header part as it is in the token, still encoded. */
    String encodedHeader() {
        return token.substring(0, firstDot);
    }

    /**
     * Whether the header part is exactly {@code encoded}, the encoded header of a token whose {@link #header()} was
     * read before (so the same characters decode to the same header).
     */
    boolean headerIs(String encoded) {
        boolean same = encoded.length() == firstDot && token.regionMatches(0, encoded, 0, firstDot);
        headerChecked |= same;
        return same;
    }

    /** The payload, as a strict JSON object. */
    Map<String, Object> payload() {
        Map<String, Object> payload = decodeJson(firstDot + 1, secondDot);
        payloadChecked = true;
        return payload;
    }

    /** The bytes the signature covers: the ASCII of {@code header.payload}. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) narrows, which is right for ASCII alone
    byte[] signingInput() {
        byte[] ascii = new byte[secondDot];
        if (headerChecked && payloadChecked) {
            // both parts are base64url, so every character is ASCII: a plain copy
            token.getBytes(0, secondDot, ascii, 0);
            return ascii;
        }
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

    /**
     * Decodes canonical base64url: alphabet only, no padding, no stray bits in the last character. Four characters
     * make three bytes at a time; a character outside the alphabet has the value -1, which makes the group negative.
     */
    private byte[] decode(int from, int to) {
        int length = to - from;
        int tail = length % 4;
        if (tail == 1) {
            throw malformed();
        }
        byte[] out = new byte[length / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
        int o = 0;
        int groupsEnd = to - tail;
        for (int i = from; i < groupsEnd; i += 4) {
            int group = value(i) << 18 | value(i + 1) << 12 | value(i + 2) << 6 | value(i + 3);
            if (group < 0) {
                throw malformed();
            }
            out[o++] = (byte) (group >> 16);
            out[o++] = (byte) (group >> 8);
            out[o++] = (byte) group;
        }
        if (tail == 2) {
            int group = value(groupsEnd) << 6 | value(groupsEnd + 1);
            if (group < 0 || (group & 0xF) != 0) {
                throw malformed(); // non-zero padding bits: another encoding of the same bytes
            }
            out[o] = (byte) (group >> 4);
        } else if (tail == 3) {
            int group = value(groupsEnd) << 12 | value(groupsEnd + 1) << 6 | value(groupsEnd + 2);
            if (group < 0 || (group & 0x3) != 0) {
                throw malformed();
            }
            out[o++] = (byte) (group >> 10);
            out[o] = (byte) (group >> 2);
        }
        return out;
    }

    /** The value of the base64url character at {@code index}, or -1 when it is not one. */
    private int value(int index) {
        char c = token.charAt(index);
        return c < 128 ? BASE64URL_VALUES[c] : -1;
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
