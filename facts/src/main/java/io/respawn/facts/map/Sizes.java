package io.respawn.facts.map;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as written in a restart map: {@code 512KiB}, {@code 200MiB}, {@code 1GiB}, or a byte count. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(-?)(\\d+)(KiB|MiB|GiB|TiB)?");

    private Sizes() {
    }

    /** @throws IllegalArgumentException naming the text, as {@code bad size "256MB" (write e.g. ...)} */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad size \"" + text
                    + "\" (write e.g. 512KiB, 200MiB, 1GiB or a byte count)");
        }
        if (!m.group(1).isEmpty()) {
            throw new IllegalArgumentException("must not be negative: \"" + text + "\"");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(2)), bytesPerUnit(m.group(3)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad size \"" + text + "\" (too large)", e);
        }
    }

    private static long bytesPerUnit(String unit) {
        if (unit == null) {
            return 1;
        }
        return switch (unit) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            default -> throw new IllegalStateException("unit not in the pattern: " + unit);
        };
    }
}
