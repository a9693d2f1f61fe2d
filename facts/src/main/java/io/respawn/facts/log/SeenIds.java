package io.respawn.facts.log;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fact ids a log has shown so far, to refuse a duplicate. Journal ids end in a
 * counter ({@code node/incarnation/seq}, {@code engine/1764230400000/17}): such an id is
 * kept as one bit at its counter in a bit set per prefix, which costs a bit or so per
 * fact instead of a string in a hash set. Other ids (no trailing counter, a leading zero,
 * a counter far past those seen with its prefix) are kept whole. Exact either way: an id
 * is refused if and only if the same string was added before.
 */
final class SeenIds {
    /** Counters may run ahead of the set bits by this much, plus {@link #SLACK_PER_ID} per bit set. */
    private static final int SLACK = 1024;
    private static final int SLACK_PER_ID = 64;

    /** The counters seen with one prefix. */
    private static final class Counters {
        final BitSet bits = new BitSet();
        long set;
    }

    private final Map<String, Counters> counters = new HashMap<>();
    private final Set<String> others = new HashSet<>();
    private String lastPrefix;
    private Counters last;

    /** Adds {@code id}; false if it was added before. */
    boolean add(String id) {
        int prefixLength = id.length();
        while (prefixLength > 0 && isAsciiDigit(id.charAt(prefixLength - 1))) {
            prefixLength--;
        }
        int digits = id.length() - prefixLength;
        if (digits == 0 || digits > 9 || digits > 1 && id.charAt(prefixLength) == '0') {
            return others.add(id);
        }
        int counter = Integer.parseInt(id, prefixLength, id.length(), 10);
        Counters seen = countersFor(id, prefixLength);
        if (counter > SLACK + SLACK_PER_ID * seen.set) {
            return others.add(id);    // far ahead: a bit set would hold mostly holes
        }
        if (seen.bits.get(counter) || !others.isEmpty() && others.contains(id)) {
            return false;    // (kept whole when its counter was far ahead; the limit only grows)
        }
        seen.bits.set(counter);
        seen.set++;
        return true;
    }

    private Counters countersFor(String id, int prefixLength) {
        if (lastPrefix != null && lastPrefix.length() == prefixLength && id.startsWith(lastPrefix)) {
            return last;
        }
        String prefix = id.substring(0, prefixLength);
        lastPrefix = prefix;
        last = counters.computeIfAbsent(prefix, p -> new Counters());
        return last;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
