package ai.codemie.auth.admin.csv;

import java.util.Arrays;

/**
 * The file line of each character of a text: a line ends at CR LF, LF or a lone CR, as Commons CSV counts lines.
 */
final class LineIndex {

    /** Offset of the first character of each line; the first line starts at 0. */
    private final int[] starts;

    LineIndex(String text) {
        int[] found = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (c == '\r' || c == '\n') {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i + 1;
            }
        }
        this.starts = Arrays.copyOf(found, count);
    }

    /** The line (from 1) that the character at this offset is on; the text's length counts as on the last line. */
    int lineOf(long offset) {
        int position = Arrays.binarySearch(starts, (int) offset);
        return position >= 0 ? position + 1 : -position - 1;
    }

    /** The offset where this line (from 1) starts; past the last line, the start of the last line. */
    int startOf(long line) {
        return starts[(int) Math.min(Math.max(line, 1), starts.length) - 1];
    }
}
