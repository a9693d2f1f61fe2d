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
}
