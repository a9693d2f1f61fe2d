package io.respawn.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.HeartbeatStatus;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BeatLineTest {

    @Test
    void wellFormedLine_isReadFieldByField() {
        assertThat(BeatLine.parse("HB1 eheap node1:4211 DEGRADED 17 9f0c 1795773646630\n")).contains(
                new BeatLine(ComponentId.of("eheap"), "node1", 4211, HeartbeatStatus.DEGRADED, 17, "9f0c",
                        OptionalLong.of(1795773646630L)));
    }

    @Test
    void sendTimeMayBeLeftOut_asFromAShellScript() {
        assertThat(BeatLine.parse("HB1 app n:7 OK 0 t")).get()
                .satisfies(b -> assertThat(b.sentAtMillis()).isEmpty());
    }

    @Test
    void nodeNamesMayHoldColons_thePidIsAfterTheLastOne() {
        assertThat(BeatLine.parse("HB1 app host:a:9 OK 1 t")).get().satisfies(b -> {
            assertThat(b.node()).isEqualTo("host:a");
            assertThat(b.pid()).isEqualTo(9);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                           // nothing
        "HB2 app n:1 OK 1 t",                         // another version
        "HB1 app n:1 OK 1",                           // no token
        "HB1 app n:1 OK 1 t 5 extra",                 // a field too many
        "HB1 app n:1 FINE 1 t",                       // unknown status
        "HB1 app n:1 ok 1 t",                         // statuses are upper case
        "HB1 app n:x OK 1 t",                         // pid not a number
        "HB1 app n:0 OK 1 t",                         // pid not positive
        "HB1 app :12 OK 1 t",                         // no node
        "HB1 app 12 OK 1 t",                          // no node:pid
        "HB1 app n:1 OK -1 t",                        // negative sequence
        "HB1 -app n:1 OK 1 t",                        // not a component name
        "HB1 app n:1 OK 1 t 0",                       // send time not positive
    })
    void malformedLines_areRefused(String line) {
        assertThat(BeatLine.parse(line)).isEmpty();
    }
}
