package ai.codemie.auth.examples.spring;

import ai.codemie.auth.admin.tenant.ImportValidation;
import ai.codemie.auth.admin.tenant.TenantImport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an import request as raw bytes, kept only up to the import's size limit
 * ({@link TenantImport#MAX_BYTES}). Bytes are bytes: the charset a request declares plays no part, the file is
 * UTF-8 by definition.
 *
 * <p>A larger body is still read to its end, and thrown away as it comes, so that a client that sends its whole
 * body before reading the answer gets the 413: a server that answered and closed while the client was still
 * sending would have the client see a reset connection instead. Reading stops after {@link #DRAIN_LIMIT} bytes,
 * where the answer is sent and the connection closed; such a client would not wait for an answer anyway.
 */
final class ImportBody {

    /** The most bytes read (and thrown away) to let a client finish sending an oversized body. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final byte[] kept;
    private final long size;

    private ImportBody(byte[] kept, long size) {
        this.kept = kept;
        this.size = size;
    }

    /** Reads the body as described above. */
    static ImportBody read(InputStream in) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            int room = (int) Math.max(0, TenantImport.MAX_BYTES + 1L - size);
            kept.write(buffer, 0, Math.min(n, room));
            size += n;
            if (size > DRAIN_LIMIT) {
                return new ImportBody(kept.toByteArray(), size);
            }
        }
        return new ImportBody(kept.toByteArray(), size);
    }

    /** Whether the body is over the import's size limit. */
    boolean tooLarge() {
        return size > TenantImport.MAX_BYTES;
    }

    /** The "too large" outcome of this body, for an import over the limit. */
    ImportValidation.TooLarge tooLargeOutcome() {
        return ImportValidation.TooLarge.bytes(size);
    }

    /** The body; only meaningful when it is not {@link #tooLarge()}. */
    byte[] bytes() {
        return kept;
    }
}
