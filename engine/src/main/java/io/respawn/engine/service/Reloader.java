package io.respawn.engine.service;

import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.oracle.RuleBaseException;
import io.respawn.engine.oracle.RuleProblem;
import io.respawn.facts.log.FactLogException;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.FactLogWriter;
import io.respawn.facts.log.LogEntry;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.MapProblem;
import io.respawn.facts.map.RestartMap;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloading rules and the restart map. First both are read again and checked; any problem
 * refuses the reload, with every problem as {@code file:line: message}, and nothing that runs
 * is touched. When the rule text changed, the session takes the new rules as a restarted
 * engine would: a fresh {@link Oracle} on the new rules is fed the journal — most of it off
 * the engine's loop ({@link #replay}), the few facts journaled meanwhile on it
 * ({@link #catchUp}) — and then replaces the old one. Decisions the new rules make while
 * being fed are not carried out (as in recovery).
 */
final class Reloader {
    /** What a reload would put in force: the rules (the same object when their text is unchanged) and map text. */
    record Checked(RuleBase rules, String mapYaml, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private Reloader() {
    }

    /** Reads the rules from where {@code current} came from and the map file (null: none), and checks both. */
    static Checked check(RuleBase current, Path mapFile) {
        List<String> problems = new ArrayList<>();
        RuleBase rules = null;
        try {
            if (current.unchangedOnDisk()) {
                rules = current;
            } else {
                RuleBase read = current.reread();
                rules = read.digest().equals(current.digest()) ? current : read;
            }
        } catch (RuleBaseException e) {
            e.problems().stream().map(RuleProblem::toString).forEach(problems::add);
        } catch (UncheckedIOException e) {
            problems.add(e.getMessage() + ": " + e.getCause().getMessage());
        }
        String yaml = null;
        if (mapFile != null) {
            try {
                yaml = Files.readString(mapFile, StandardCharsets.UTF_8);
                RestartMap.parse(yaml, mapFile.toString());
            } catch (MapException e) {
                e.problems().stream().map(MapProblem::toString).forEach(problems::add);
            } catch (IOException e) {
                problems.add(mapFile + ": cannot read the map: " + e.getMessage());
            }
        }
        return new Checked(rules, yaml, problems);
    }

    /** A fresh oracle on {@code rules}, fed the first {@code bytes} bytes of the journal. */
    static Oracle replay(RuleBase rules, Path journal, long bytes) {
        long began = System.nanoTime();
        Oracle oracle = new Oracle(rules, null);
        try {
            long facts = feed(oracle, open(journal, 0, bytes));
            LOG.info("reload: new rules fed the journal file={} facts={} bytes={} took_ms={}", journal, facts, bytes,
                    (System.nanoTime() - began) / 1_000_000);
            return oracle;
        } catch (RuntimeException e) {
            oracle.close();
            throw e;
        }
    }

    /** Feeds {@code oracle} the journal from byte {@code from} to its end (on the loop: nothing is appended meanwhile). */
    static long catchUp(Oracle oracle, Path journal, long from) {
        long size;
        try {
            size = Files.size(journal);
        } catch (IOException e) {
            throw new UncheckedIOException(journal + " - cannot read the journal", e);
        }
        if (size <= from) {
            return 0;
        }
        InputStream header = new ByteArrayInputStream((FactLogWriter.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        return feed(oracle, new SequenceInputStream(header, open(journal, from, size - from)));
    }

    private static long feed(Oracle oracle, InputStream in) {
        long facts = 0;
        try (FactLogReader reader = FactLogReader.of(new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8)), "journal")) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                facts++;
                try {
                    oracle.accept(entry.fact());
                } catch (RuntimeException e) {
                    LOG.warn("reload: fact not applied id={} line={}: {}", entry.fact().id(), entry.line(),
                            e.getMessage());
                }
            }
        } catch (FactLogException e) {
            throw new IllegalStateException("journal - cannot be read for the reload: " + e.getMessage(), e);
        }
        return facts;
    }

    private static InputStream open(Path file, long from, long length) {
        try {
            FileChannel channel = FileChannel.open(file);
            channel.position(from);
            return new Limited(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot read the journal", e);
        }
    }

    /** At most {@code remaining} bytes of a stream: the journal as it was when the reload began. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
