package io.respawn.facts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Ids of facts the engine derives (beliefs, decisions): a prefix and the first 12 hex
 * digits of SHA-256 over the deriving rule and the evidence ids. No counter, no
 * random source: the same evidence through the same rule always gives the same id.
 */
public final class DerivedId {
    private DerivedId() {
    }

    public static String of(String prefix, String rule, List<String> evidence) {
        StringBuilder text = new StringBuilder(rule);
        for (String id : evidence) {
            text.append('\u001f').append(id);
        }
        return prefix + "-" + HexFormat.of().formatHex(sha256(text.toString()), 0, 6);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
