package io.respawn.facts.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.Observation;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeartbeatLineTest {
    @ParameterizedTest
    @ValueSource(strings = {
        // as the log writes them
        "{\"type\":\"heartbeat\",\"id\":\"n1/ab12/7\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":7}",
        "{\"type\":\"heartbeat\",\"id\":\"h2\",\"at\":\"2026-11-27T10:00:03.999Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"DEGRADED\",\"seq\":0,\"observedAt\":\"2026-11-27T10:00:03.990Z\"}",
        "{\"type\":\"heartbeat\",\"id\":\"h3\",\"at\":\"2026-11-27T10:00:03.999Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"FAILED\",\"seq\":123456789012}",
        // an instant in another ISO-8601 form
        "{\"type\":\"heartbeat\",\"id\":\"h4\",\"at\":\"2026-11-27T10:00:03Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":1}",
    })
    void writtenForm_readsAsJacksonReadsIt(String line) throws Exception {
        Heartbeat fast = HeartbeatLine.parse(line);
        Observation slow = FactJson.mapper().readValue(line, Observation.class);
        assertThat(fast).isNotNull().isEqualTo(slow);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // other field order
        "{\"type\":\"heartbeat\",\"at\":\"2026-11-27T10:00:01.000Z\",\"id\":\"h1\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":7}",
        // white space
        "{\"type\":\"heartbeat\", \"id\":\"h1\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":7}",
        // an escape in a string
        "{\"type\":\"heartbeat\",\"id\":\"h\\u0031\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":7}",
        // status in another case (Jackson accepts it)
        "{\"type\":\"heartbeat\",\"id\":\"h1\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"ok\",\"seq\":7}",
        // an unknown field
        "{\"type\":\"heartbeat\",\"id\":\"h1\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":7,\"extra\":1}",
        // a missing field
        "{\"type\":\"heartbeat\",\"id\":\"h1\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"status\":\"OK\",\"seq\":7}",
        // a value the record refuses
        "{\"type\":\"heartbeat\",\"id\":\"h1\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"201\",\"status\":\"OK\",\"seq\":7}",
        // a bad time
        "{\"type\":\"heartbeat\",\"id\":\"h1\",\"at\":\"yesterday\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":7}",
        // a leading zero, a sign
        "{\"type\":\"heartbeat\",\"id\":\"h1\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":07}",
        "{\"type\":\"heartbeat\",\"id\":\"h1\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":-7}",
        // something after the closing brace
        "{\"type\":\"heartbeat\",\"id\":\"h1\",\"at\":\"2026-11-27T10:00:01.000Z\",\"component\":\"web\","
                + "\"gpid\":\"n1:201\",\"status\":\"OK\",\"seq\":7}}",
        // another type
        "{\"type\":\"tick\",\"id\":\"t1\",\"at\":\"2026-11-27T10:00:01.000Z\"}",
    })
    void anyOtherForm_isLeftToJackson(String line) {
        assertThat(HeartbeatLine.parse(line)).isNull();
    }

    @org.junit.jupiter.api.Test
    void writtenHeartbeat_readsBackEqual() {
        Heartbeat beat = new Heartbeat("n1/x/9", Instant.parse("2026-11-27T10:00:01.125Z"), ComponentId.of("db"),
                "n1:77", HeartbeatStatus.OK, 9, Instant.parse("2026-11-27T10:00:01.120Z"));
        assertThat(HeartbeatLine.parse(FactLogWriter.line(beat))).isEqualTo(beat);
    }

    @org.junit.jupiter.api.Test
    void writtenByHand_asJacksonWritesIt_characterForCharacter() throws Exception {
        java.util.Random random = new java.util.Random(20261127);
        String[] names = {"web", "db-1", "n1/ab12/7", "a:b", "x y", "quote\"d", "back\\slash", "tab\tbed", "caf\u00e9",
            "n1:201", "~!@#$%^&*()_+{}|<>?", ""};
        long[] years = {-5, 0, 1, 1970, 2026, 9999, 10_000};
        int byHand = 0;
        for (int i = 0; i < 20_000; i++) {
            long year = years[random.nextInt(years.length)];
            Instant at = java.time.LocalDateTime.of((int) year, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000))
                    .toInstant(java.time.ZoneOffset.UTC);
            String id = names[random.nextInt(names.length)] + i;
            String component = new String[] {"web", "db-1", "a.b_c"}[random.nextInt(3)];
            String gpid = "n" + names[random.nextInt(names.length)] + ":" + i;
            Instant observed = random.nextBoolean() ? null : at.minusMillis(random.nextInt(1000));
            Heartbeat beat = new Heartbeat(id, at, ComponentId.of(component), gpid,
                    HeartbeatStatus.values()[random.nextInt(HeartbeatStatus.values().length)],
                    random.nextBoolean() ? random.nextInt(10) : Math.abs(random.nextLong()), observed);
            String jackson = FactJson.mapper().writerFor(Observation.class).writeValueAsString(beat);

            String fast = HeartbeatLine.format(beat);
            if (fast != null) {
                byHand++;
                assertThat(fast).as("heartbeat %d", i).isEqualTo(jackson);
            }
            assertThat(FactLogWriter.line(beat)).as("heartbeat %d", i).isEqualTo(jackson);
            Heartbeat read = HeartbeatLine.parse(jackson);    // the log keeps milliseconds: written again, the same line
            assertThat(read == null || FactLogWriter.line(read).equals(jackson)).as("heartbeat %d read back", i).isTrue();
        }
        // plain strings and years 1-9999: most of them are written by hand, the rest by Jackson
        assertThat(byHand).isGreaterThan(5_000).isLessThan(20_000);
    }
}
