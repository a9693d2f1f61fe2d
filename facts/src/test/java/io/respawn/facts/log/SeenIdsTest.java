package io.respawn.facts.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeenIdsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                 | first            | second           | second is new
            the same journal id                    | n1/i1/17         | n1/i1/17         | false
            the next journal id                    | n1/i1/17         | n1/i1/18         | true
            same counter, other prefix             | n1/i1/17         | n1/i2/17         | true
            a leading zero is another id           | n1/i1/7          | n1/i1/07         | true
            a leading zero, twice                  | n1/i1/07         | n1/i1/07         | false
            no counter                             | start            | start            | false
            no counter, other text                 | start            | start2           | true
            a counter too long for a bit           | t12345678901     | t12345678901     | false
            a counter far ahead                    | t900000          | t900000          | false
            counter zero                           | h0               | h0               | false
            a non-ASCII digit is not a counter     | h1               | h١               | true
            """)
    void pairs(String situation, String first, String second, boolean secondIsNew) {
        SeenIds seen = new SeenIds();
        assertThat(seen.add(first)).isTrue();
        assertThat(seen.add(second)).as(situation).isEqualTo(secondIsNew);
    }

    @Test
    void idKeptWholeWhileFarAhead_isStillADuplicateOnceItsCounterIsInReach() {
        // given "a5000" seen first, far ahead of anything under "a" (kept whole)
        SeenIds seen = new SeenIds();
        assertThat(seen.add("a5000")).isTrue();
        // when "a1" .. "a100" follow, the bit set's reach grows past 5000
        for (int i = 1; i <= 100; i++) {
            assertThat(seen.add("a" + i)).isTrue();
        }
        // then "a5000" again is a duplicate all the same
        assertThat(seen.add("a5000")).isFalse();
    }

    @Test
    void randomIds_agreeWithAHashSet() {
        Random random = new Random(7);
        SeenIds seen = new SeenIds();
        Set<String> reference = new HashSet<>();
        List<String> prefixes = new ArrayList<>(List.of("n1/a/", "n1/b/", "engine/1764230400000/", "x", ""));
        for (int i = 0; i < 200_000; i++) {
            String prefix = prefixes.get(random.nextInt(prefixes.size()));
            int counter = random.nextInt(10) == 0 ? random.nextInt(5_000_000) : random.nextInt(20_000);
            String id = prefix + counter;
            assertThat(seen.add(id)).as(id).isEqualTo(reference.add(id));
        }
    }
}
