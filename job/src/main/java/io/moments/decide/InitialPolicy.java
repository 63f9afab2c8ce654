package io.moments.decide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The policy the job starts with, until the policy topic supplies one. */
public final class InitialPolicy {

    private InitialPolicy() {}

    /**
     * The policy file's JSON, or the shipped default's when {@code file} is null. Refuses an unreadable
     * or invalid file with every problem, so a job with a broken policy never starts.
     */
    public static String json(String file, Duration sessionIdle) {
        if (file == null) {
            return Policy.defaultPolicy().json();
        }
        try {
            return Policy.parse(Files.readString(Path.of(file)), sessionIdle).json();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read policy file " + file + ": " + e.getMessage(), e);
        } catch (Policy.InvalidPolicyException e) {
            throw new IllegalArgumentException("invalid policy " + file + ": " + e.getMessage(), e);
        }
    }
}
