package io.respawn.engine.oracle;

/** Turns a Drools compiler message into one readable line. */
final class RuleMessages {
    private RuleMessages() {
    }

    static String plain(String text) {
        String flat = text.replace('\r', ' ').replace('\n', ' ').replaceAll("\\s+", " ").strip();
        flat = flat.replace("Rule Compilation error ", "");
        return flat.isEmpty() ? "error (no details given by the rule compiler)" : flat;
    }
}
