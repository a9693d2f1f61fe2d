package io.respawn.probes;

import io.respawn.facts.map.Exec;
import io.respawn.facts.map.ExecProbe;
import io.respawn.facts.map.HttpGet;
import io.respawn.facts.map.HttpProbe;
import io.respawn.facts.map.HttpPut;
import io.respawn.facts.map.ProbeSpec;
import io.respawn.facts.map.RoundTripProbe;
import io.respawn.facts.map.RoundTripRead;
import io.respawn.facts.map.RoundTripWrite;
import io.respawn.facts.map.SendExpect;
import io.respawn.facts.map.SendExpectProbe;
import io.respawn.facts.map.TcpProbe;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Turns a probe as declared in the restart map into the step that checks it. */
final class Steps {
    private final AsynchronousChannelGroup sockets;
    private final Executor workers;
    private final HttpOverSocket plainHttp;
    private final HttpOverTls tlsHttp;
    private final Supplier<String> tokens;

    Steps(AsynchronousChannelGroup sockets, Executor workers, HttpOverTls tlsHttp) {
        this.sockets = sockets;
        this.workers = workers;
        this.plainHttp = new HttpOverSocket(sockets);
        this.tlsHttp = tlsHttp;
        this.tokens = () -> UUID.randomUUID().toString();
    }

    Step of(ProbeSpec spec) {
        if (spec instanceof TcpProbe tcp) {
            return new TcpConnectStep(new Endpoint(tcp.host(), tcp.port()), sockets);
        }
        if (spec instanceof SendExpectProbe sendExpect) {
            return sendExpect(sendExpect.exchange());
        }
        if (spec instanceof HttpProbe http) {
            return http(HttpCall.of(http));
        }
        if (spec instanceof ExecProbe exec) {
            return exec(exec.exec());
        }
        if (spec instanceof RoundTripProbe roundTrip) {
            return new RoundTripStep(roundTrip, tokens, this::write, this::readBack, workers);
        }
        throw new IllegalArgumentException("probe - unknown kind: " + spec.getClass().getName());
    }

    private Step write(RoundTripWrite write) {
        if (write instanceof SendExpect sendExpect) {
            return sendExpect(sendExpect);
        }
        if (write instanceof HttpPut put) {
            return http(HttpCall.of(put));
        }
        return exec((Exec) write);
    }

    private Step readBack(RoundTripRead read) {
        if (read instanceof SendExpect sendExpect) {
            return sendExpect(sendExpect);
        }
        if (read instanceof HttpGet get) {
            return http(HttpCall.of(get));
        }
        return exec((Exec) read);
    }

    private Step sendExpect(SendExpect exchange) {
        return new SendExpectStep(exchange, sockets);
    }

    private Step http(HttpCall call) {
        return new HttpStep(call, plainHttp, tlsHttp);
    }

    private Step exec(Exec exec) {
        return new ExecStep(exec, workers);
    }
}
