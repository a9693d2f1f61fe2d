package io.respawn.facts.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.respawn.facts.Heartbeat;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one JSON mapping of facts: ISO-8601 UTC times with milliseconds
 * ({@code 2026-11-27T10:15:02.125Z}), absent fields left out, unknown fields refused
 * (a misspelt field in a hand-written log is an error, not a silent default), enum
 * values read in any case.
 */
public final class FactJson {
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = build();

    private FactJson() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A heartbeat's JSON in exactly the form the mapper writes it, read by hand (see
     * {@link HeartbeatLine}); null for any other form, which the caller reads with the mapper.
     */
    public static Heartbeat readHeartbeat(String json) {
        return HeartbeatLine.parse(json);
    }

    /** {@code beat} written by hand, as the mapper writes it; null where only the mapper may (escapes, signed years). */
    public static String writeHeartbeat(Heartbeat beat) {
        return HeartbeatLine.format(beat);
    }

    /** {@code at} as the log writes it: UTC, always three fraction digits. */
    public static String format(Instant at) {
        StringBuilder text = new StringBuilder(24);
        return formatTo(text, at) ? text.toString() : MILLIS.format(at);
    }

    /**
     * Appends {@code at} as {@link #format} writes it, by hand (the formatter was a twentieth
     * of an engine's loop at full rate); false, with nothing appended, for a year outside
     * 0001–9999, which the formatter writes with a sign.
     */
    static boolean formatTo(StringBuilder out, Instant at) {
        long seconds = at.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        if (date.getYear() < 1 || date.getYear() > 9999) {
            return false;
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, secondOfDay / 3600, 2).append(':');
        digits(out, secondOfDay / 60 % 60, 2).append(':');
        digits(out, secondOfDay % 60, 2).append('.');
        digits(out, at.getNano() / 1_000_000, 3).append('Z');
        return true;
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int scale = width == 4 ? 1000 : width == 3 ? 100 : 10; scale > 0; scale /= 10) {
            out.append((char) ('0' + value / scale % 10));
        }
        return out;
    }

    /**
     * Reads an ISO-8601 instant; the message names the value when it is not one. The
     * form the log writes ({@code 2026-11-27T10:15:02.125Z}) is read by hand, the rest
     * by {@link Instant#parse}.
     */
    public static Instant parseInstant(String text) {
        Instant fast = text == null ? null : parseMillisForm(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time \"" + text + "\" (write e.g. 2026-11-27T10:15:02.125Z)", e);
        }
    }

    private static Instant parseMillisForm(String t) {
        if (t.length() != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int millis = digits(t, 20, 23);
        if ((year | month | day | hour | minute | second | millis) < 0 || hour > 23 || minute > 59 || second > 59
                || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static ObjectMapper build() {
        SimpleModule time = new SimpleModule("respawn-time");
        time.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(format(value));
            }
        });
        time.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return parseInstant(p.getValueAsString());
            }
        });
        return JsonMapper.builder()
                .addModule(time)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }
}
