package dev.intake.spi.run;

import java.security.SecureRandom;

/** Ids for runs and files: 20 characters of {@code A-Z} and {@code 0-9}, as the seed's GUIDs. */
public final class RunIds {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    /** @return a new id; 103 bits of randomness make two alike unthinkable */
    public static String next() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
