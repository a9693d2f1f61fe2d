package io.respawn.facts.map;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU limits as written in a restart map: a percentage, {@code 90%}, where 100% is one core busy. */
final class Percent {
    private static final Pattern PERCENT = Pattern.compile("(-?)(\\d+(?:\\.\\d+)?)%");

    private Percent() {
    }

    /** @throws IllegalArgumentException naming the text, as {@code bad CPU limit "90" (write a percentage, ...)} */
    static double parse(String text) {
        Matcher m = PERCENT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad CPU limit \"" + text
                    + "\" (write a percentage, e.g. 90%; 100% is one core busy)");
        }
        if (!m.group(1).isEmpty()) {
            throw new IllegalArgumentException("must not be negative: \"" + text + "\"");
        }
        return Double.parseDouble(m.group(2));
    }
}
