package io.respawn.engine.oracle;

/** Turns a Drools compiler message into one readable line. */
final class RuleMessages {
    private RuleMessages() {
    }

    /** A follow-on message Drools adds after a syntax error; says nothing new. */
    static boolean isEcho(String text) {
        return text.contains("Parser returned a null Package");
    }

    static String plain(String text) {
        String flat = text.replace('\r', ' ').replace('\n', ' ').replaceAll("\\s+", " ").strip();
        flat = flat.replace("Rule Compilation error ", "");
        flat = flat.replaceFirst("^\\[ERR \\d+\\] Line \\d+:\\d+ ", "");
        return flat.isEmpty() ? "error (no details given by the rule compiler)" : flat;
    }
}
