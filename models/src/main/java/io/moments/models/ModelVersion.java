package io.moments.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A model's version: the first 12 hex digits of SHA-256 over its bundled weight files, in order. A
 * name alone cannot tell two trainings of the text head apart; the hash does, and costs one read of
 * the weights at load.
 */
public final class ModelVersion {

    private ModelVersion() {}

    /** {@code resources}: classpath names without a leading slash. */
    public static String of(String... resources) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        byte[] buffer = new byte[64 * 1024];
        for (String resource : resources) {
            try (InputStream raw = ModelVersion.class.getClassLoader().getResourceAsStream(resource)) {
                if (raw == null) {
                    throw new IOException("classpath resource not found: " + resource);
                }
                try (DigestInputStream in = new DigestInputStream(raw, sha)) {
                    while (in.read(buffer) != -1) {
                        // reading feeds the digest
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model weights " + resource, e);
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }
}
