package io.respawn.facts;

import java.util.regex.Pattern;

/** The one rule for component and group names: letters, digits, '.', '_', '-', starting with a letter or digit. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Names() {
    }

    static void check(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name - must be 1-128 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit: " + (name == null ? "null" : "\"" + name + "\""));
        }
    }
}
