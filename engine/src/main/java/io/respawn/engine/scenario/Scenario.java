package io.respawn.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.DecisionText;
import io.respawn.engine.replay.Replay;
import io.respawn.engine.replay.ReplayedDecision;
import io.respawn.facts.log.FactJson;
import io.respawn.facts.log.FactLogReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A scenario is a folder: {@code facts.jsonl} (a fact log), {@code expected.jsonl} (the
 * decisions expected of it, one JSON object per line, in the form {@code replay --json}
 * prints) and a README telling the timeline in words. An expected decision matches an
 * actual one when every field it gives is equal in the actual one; fields it leaves out
 * (typically {@code id} and {@code evidence}, which are derived) are not compared. The
 * decisions must match one for one, in order.
 */
public final class Scenario {
    public static final String FACTS = "facts.jsonl";
    public static final String EXPECTED = "expected.jsonl";

    private final Path dir;

    public Scenario(Path dir) {
        this.dir = dir;
    }

    /** Scenario folders directly under {@code root} (or {@code root} itself if it is one), sorted by name. */
    public static List<Path> find(Path root) {
        if (Files.exists(root.resolve(FACTS))) {
            return List.of(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.exists(p.resolve(FACTS))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(root + " - cannot list scenarios", e);
        }
    }

    public String name() {
        return dir.getFileName().toString();
    }

    /** Replays the facts through {@code rules} and compares the decisions with the expected ones. */
    public ScenarioResult run(RuleBase rules) {
        List<Expected> expected = readExpected();
        List<ReplayedDecision> actual = new ArrayList<>();
        try {
            new Replay(rules, null, FactLogReader.BadLines.STOP).run(dir.resolve(FACTS), actual::add, e -> { });
        } catch (RuntimeException e) {
            return new ScenarioResult(name(), false, actual.size(), "replay failed: " + e.getMessage());
        }
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            Expected want = i < expected.size() ? expected.get(i) : null;
            ReplayedDecision got = i < actual.size() ? actual.get(i) : null;
            if (want == null || got == null || !matches(want.fields(), DecisionText.tree(got.decision()))) {
                return new ScenarioResult(name(), false, actual.size(), divergence(i + 1, want, got));
            }
        }
        return new ScenarioResult(name(), true, actual.size(), "");
    }

    private record Expected(long line, ObjectNode fields) {
    }

    private static boolean matches(ObjectNode want, JsonNode got) {
        for (Map.Entry<String, JsonNode> field : want.properties()) {
            if (!field.getValue().equals(got.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private String divergence(int index, Expected want, ReplayedDecision got) {
        StringBuilder report = new StringBuilder(name()).append(": decision ").append(index).append(' ');
        if (got == null) {
            report.append("is missing\n  expected (").append(EXPECTED).append(':').append(want.line()).append("): ")
                    .append(want.fields()).append("\n  actual: no more decisions");
            return report.toString();
        }
        report.append(want == null ? "was not expected" : "differs");
        if (want != null) {
            report.append("\n  expected (").append(EXPECTED).append(':').append(want.line()).append("): ")
                    .append(want.fields());
        }
        report.append("\n  actual: ").append(DecisionText.json(got.decision()))
                .append("\n  made by rule \"").append(got.decision().rule()).append('"');
        if (got.line() > 0) {
            report.append(" after ").append(FACTS).append(':').append(got.line()).append(": ")
                    .append(logLine(got.line()));
        }
        return report.toString();
    }

    private List<Expected> readExpected() {
        Path file = dir.resolve(EXPECTED);
        List<Expected> expected = new ArrayList<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                JsonNode node = FactJson.mapper().readTree(text);
                if (!(node instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected a JSON object");
                }
                expected.add(new Expected(i + 1, object));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getOriginalMessage(), e);
            }
        }
        return expected;
    }

    private String logLine(long line) {
        List<String> lines = readLines(dir.resolve(FACTS));
        return line <= lines.size() ? lines.get((int) line - 1).strip() : "";
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot read", e);
        }
    }
}
