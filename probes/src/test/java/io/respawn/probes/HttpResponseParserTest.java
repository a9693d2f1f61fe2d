package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.probes.HttpResponseParser.Complete;
import io.respawn.probes.HttpResponseParser.Incomplete;
import io.respawn.probes.HttpResponseParser.Malformed;
import io.respawn.probes.HttpResponseParser.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpResponseParserTest {

    /** The server is still connected, or has closed. */
    enum Connection { OPEN, CLOSED }

    static Stream<Arguments> responses() {
        return Stream.of(
                // a body of announced length, all there
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", Connection.OPEN,
                        new Complete(200, "ok")),
                // part of an announced body: wait for the rest
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nok", Connection.OPEN, new Incomplete()),
                // ... which never comes
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nok", Connection.CLOSED,
                        new Malformed("connection closed after 2 of 5 body bytes")),
                // header names are not case sensitive; bytes past the announced body are ignored
                Arguments.of("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nokay", Connection.OPEN,
                        new Complete(200, "ok")),
                // chunks, with an extension and a trailer
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\n"
                        + "X-Trailer: 1\r\n\r\n", Connection.OPEN, new Complete(200, "abcde")),
                // chunks still coming
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", Connection.OPEN,
                        new Incomplete()),
                // chunks cut off
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab", Connection.CLOSED,
                        new Malformed("connection closed in the middle of a chunked body")),
                // a bad chunk size
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", Connection.OPEN,
                        new Malformed("bad chunk size \"zz\"")),
                // no length and no chunks: the body ends when the server closes
                Arguments.of("HTTP/1.0 200 OK\r\n\r\nall of it", Connection.OPEN, new Incomplete()),
                Arguments.of("HTTP/1.0 200 OK\r\n\r\nall of it", Connection.CLOSED, new Complete(200, "all of it")),
                // an interim 100 Continue is skipped
                Arguments.of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
                        Connection.OPEN, new Complete(201, "")),
                // 204 has no body, whatever follows
                Arguments.of("HTTP/1.1 204 No Content\r\n\r\n", Connection.OPEN, new Complete(204, "")),
                // headers not finished yet
                Arguments.of("HTTP/1.1 200 OK\r\nContent-", Connection.OPEN, new Incomplete()),
                // not HTTP at all
                Arguments.of("SSH-2.0-OpenSSH_9.6\r\n\r\n", Connection.OPEN,
                        new Malformed("not an HTTP answer: \"SSH-2.0-OpenSSH_9.6\"")),
                // nothing, then closed
                Arguments.of("", Connection.CLOSED, new Malformed("connection closed without an answer")));
    }

    @ParameterizedTest(name = "[{index}] {1} -> {2}")
    @MethodSource("responses")
    void bytesReceived_parseToWhatTheyAmountTo(String received, Connection connection, Parsed expected) {
        // given the bytes so far, when parsed, then
        Parsed parsed = HttpResponseParser.parse(received.getBytes(StandardCharsets.UTF_8),
                connection == Connection.CLOSED, false);

        assertThat(parsed).isEqualTo(expected);
    }
}
