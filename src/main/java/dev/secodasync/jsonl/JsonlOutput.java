package dev.secodasync.jsonl;

import dev.secodasync.support.OwnerOnlyFiles;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** One file: its generator, writing one JSON object per line, and the hash of its bytes. */
final class JsonlOutput implements Closeable {

    final JsonGenerator generator;

    private final OutputStream out;

    private final MessageDigest digest;

    private String hex;

    private boolean written;

    private JsonlOutput(JsonGenerator generator, OutputStream out, MessageDigest digest) {
        this.generator = generator;
        this.out = out;
        this.digest = digest;
    }

    static JsonlOutput create(JsonFactory factory, Path file) throws IOException {
        MessageDigest digest = SecodaJsonlWriter.sha256();
        OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(
                OwnerOnlyFiles.createFile(file), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                1 << 16), digest);
        return new JsonlOutput(factory.createGenerator(ObjectWriteContext.empty(), out), out, digest);
    }

    /** Starts the next line's object. */
    JsonGenerator begin() {
        written = true;
        generator.writeStartObject();
        return generator;
    }

    String hex() {
        return hex;
    }

    @Override
    public void close() throws IOException {
        if (hex != null) {
            return;
        }
        // Every line ends with a newline, the last one too (the separator only goes between).
        if (written) {
            generator.writeRaw('\n');
        }
        generator.close();
        out.close();
        hex = HexFormat.of().formatHex(digest.digest());
    }
}
