package io.respawn.probes;

/**
 * Text a probe keeps as evidence, made short and printable: what a server answered, what
 * a command wrote. Control characters are escaped so a detail stays on one line.
 */
final class Evidence {
    /** Longest piece of received text quoted in a detail. */
    static final int QUOTE_CHARS = 120;
    /** Longest command output kept in a detail (its end, where the error usually is). */
    static final int OUTPUT_CHARS = 240;

    private Evidence() {
    }

    /** {@code text} in double quotes, escaped, cut after {@link #QUOTE_CHARS} characters. */
    static String quote(String text) {
        String escaped = escape(text);
        return escaped.length() <= QUOTE_CHARS
                ? "\"" + escaped + "\""
                : "\"" + escaped.substring(0, QUOTE_CHARS) + "\"...";
    }

    /** The end of a command's output, escaped, in double quotes; empty output reads {@code (no output)}. */
    static String tail(String output) {
        String escaped = escape(output.strip());
        if (escaped.isEmpty()) {
            return "(no output)";
        }
        return escaped.length() <= OUTPUT_CHARS
                ? "\"" + escaped + "\""
                : "...\"" + escaped.substring(escaped.length() - OUTPUT_CHARS) + "\"";
    }

    /** A regular expression as written, between slashes: {@code /^pong/}; only control characters escaped. */
    static String regex(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 2).append('/');
        regex.chars().forEach(c -> out.append(Character.isISOControl(c) ? escape(String.valueOf((char) c)) : (char) c));
        return out.append('/').toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
