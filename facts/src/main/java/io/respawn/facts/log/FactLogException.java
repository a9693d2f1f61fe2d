package io.respawn.facts.log;

/** A line of a fact log that cannot be read; the message reads {@code file:line: what is wrong}. */
public final class FactLogException extends RuntimeException {
    private final String source;
    private final long line;

    public FactLogException(String source, long line, String problem, Throwable cause) {
        super(source + ":" + line + ": " + problem, cause);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }
}
