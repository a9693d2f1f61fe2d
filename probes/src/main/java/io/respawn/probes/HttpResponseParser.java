package io.respawn.probes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTTP/1.1 response from the bytes received so far: the status line, the
 * headers, and a body framed by Content-Length, by chunks, or by the server closing the
 * connection. Just enough HTTP for a probe: interim 1xx answers are skipped, trailers and
 * chunk extensions ignored, the body read as UTF-8.
 */
final class HttpResponseParser {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})(?: .*)?");
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINE_END = "\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What the bytes so far amount to. */
    sealed interface Parsed permits Incomplete, Malformed, Complete {
    }

    /** More bytes are needed. */
    record Incomplete() implements Parsed {
    }

    /** Not a well-formed response; {@code why} in plain words. */
    record Malformed(String why) implements Parsed {
    }

    /** A whole response (or as much of its body as the size limit let through). */
    record Complete(int status, String body) implements Parsed {
    }

    private HttpResponseParser() {
    }

    /**
     * @param closed the server has closed the connection: nothing more will come
     * @param full   the size limit was reached: nothing more will be read
     */
    static Parsed parse(byte[] data, boolean closed, boolean full) {
        boolean last = closed || full;
        int start = 0;
        while (true) {
            int headersEnd = indexOf(data, HEADERS_END, start);
            if (headersEnd < 0) {
                if (!last) {
                    return new Incomplete();
                }
                return data.length == start
                        ? new Malformed("connection closed without an answer")
                        : new Malformed("incomplete answer " + Evidence.quote(text(data, start, data.length)));
            }
            String[] lines = text(data, start, headersEnd).split("\r\n");
            Matcher statusLine = STATUS_LINE.matcher(lines[0]);
            if (!statusLine.matches()) {
                return new Malformed("not an HTTP answer: " + Evidence.quote(lines[0]));
            }
            int status = Integer.parseInt(statusLine.group(1));
            int bodyStart = headersEnd + HEADERS_END.length;
            if (status >= 100 && status < 200 && status != 101) {
                start = bodyStart;
                continue;
            }
            return body(status, headers(lines), data, bodyStart, closed, full);
        }
    }

    private static Parsed body(int status, Map<String, String> headers, byte[] data, int from, boolean closed,
                               boolean full) {
        if (status == 204 || status == 304 || status == 101) {
            return new Complete(status, "");
        }
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.contains("chunked")) {
            return chunked(status, data, from, closed, full);
        }
        String length = headers.get("content-length");
        if (length != null) {
            long expected;
            try {
                expected = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return new Malformed("bad Content-Length " + Evidence.quote(length));
            }
            long available = data.length - from;
            if (available >= expected) {
                return new Complete(status, text(data, from, from + (int) expected));
            }
            if (full) {
                return new Complete(status, text(data, from, data.length));
            }
            return closed
                    ? new Malformed("connection closed after " + available + " of " + expected + " body bytes")
                    : new Incomplete();
        }
        return closed || full ? new Complete(status, text(data, from, data.length)) : new Incomplete();
    }

    private static Parsed chunked(int status, byte[] data, int from, boolean closed, boolean full) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = from;
        while (true) {
            int lineEnd = indexOf(data, LINE_END, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = text(data, at, lineEnd).split(";", 2)[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                return new Malformed("bad chunk size " + Evidence.quote(sizeText));
            }
            if (size == 0) {
                return new Complete(status, body.toString(StandardCharsets.UTF_8));
            }
            int chunkStart = lineEnd + 2;
            if (data.length < chunkStart + size + 2) {
                body.write(data, chunkStart, Math.max(0, Math.min(size, data.length - chunkStart)));
                break;
            }
            body.write(data, chunkStart, size);
            at = chunkStart + size + 2;
        }
        if (full) {
            return new Complete(status, body.toString(StandardCharsets.UTF_8));
        }
        return closed ? new Malformed("connection closed in the middle of a chunked body") : new Incomplete();
    }

    private static Map<String, String> headers(String[] lines) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** Where {@code pattern} starts in {@code data} at or after {@code from}, or -1. */
    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String text(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.UTF_8);
    }
}
