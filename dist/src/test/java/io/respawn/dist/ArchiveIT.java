package io.respawn.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive {@code mvn package} makes, unpacked into a fresh directory and run from there. */
class ArchiveIT {
    private static final String VERSION = System.getProperty("respawn.version");
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    @TempDir
    static Path unpacked;
    private static Path home;

    private record Run(int exit, String output) {
    }

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("respawn.archive"));
        assertThat(archive).as("the archive mvn package makes").isRegularFile();
        Run tar = run(unpacked, "tar", "-xzf", archive.toString(), "-C", unpacked.toString());
        assertThat(tar.exit()).as(tar.output()).isZero();
        home = unpacked.resolve("respawn-" + VERSION);
    }

    private static Run run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, Map.of(), command);
    }

    /** Runs {@code command} in {@code dir} with {@code env} added to the environment (RESPAWN_JAVA_OPTS only from it). */
    private static Run run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("RESPAWN_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not end within 120s: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static List<String> names(String dir) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve(dir))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void archive_holdsLaunchersLibrariesRulesExampleAndUnits() throws IOException {
        assertThat(names("bin")).containsExactly("respawn", "respawn-agent");
        for (String launcher : List.of("bin/respawn", "bin/respawn-agent")) {
            assertThat(Files.getPosixFilePermissions(home.resolve(launcher)))
                    .as(launcher).contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        }
        assertThat(names("lib")).contains("respawn-agent.jar", "respawn-cli-" + VERSION + ".jar",
                "respawn-engine-" + VERSION + ".jar", "respawn-rules-" + VERSION + ".jar")
                .noneMatch(name -> name.startsWith("respawn-agent-"))
                .anyMatch(name -> name.startsWith("drools-core-"));
        assertThat(names("rules")).contains("20-restart-escalation.drl").allMatch(name -> name.endsWith(".drl"));
        assertThat(names("examples")).containsExactly("iroom.yaml", "maps", "scenarios");
        assertThat(names("systemd")).containsExactly("respawn-agent.service", "respawn-engine.service");
        assertThat(Files.readString(home.resolve("systemd/respawn-agent.service"))).contains("\nKillMode=process\n");
    }

    @Test
    void respawnHelp_runs() throws Exception {
        Run help = run(home, "bin/respawn", "--help");

        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).startsWith("Usage: respawn").contains("replay", "engine", "agent", "check");
    }

    @Test
    void checkOfTheExampleMapAndTheShippedRules_passes() throws Exception {
        Run check = run(home, "bin/respawn", "check", "--rules", "rules", "--map", "examples/iroom.yaml");

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("rules ok: ", "from rules", "map ok: examples/iroom.yaml");
    }

    @Test
    void respawnThroughASymlinkElsewhere_findsItsLibraries() throws Exception {
        Path bin = Files.createDirectories(unpacked.resolve("usr-local-bin"));
        Files.createSymbolicLink(bin.resolve("respawn"), home.resolve("bin/respawn"));

        Run check = run(unpacked, bin.resolve("respawn").toString(), "check", "--map",
                home.resolve("examples/iroom.yaml").toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("rules ok: ", "from default rules", "map ok: ");
    }

    @Test
    void agentLauncher_runsTheAgentOnItsOwn() throws Exception {
        Run help = run(home, "bin/respawn-agent", "--help");

        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("--node", "--engine", "--map");
    }

    @Test
    void shippedScenarios_passWithTheShippedRules() throws Exception {
        // 21 reads ../../../examples/iroom.yaml, 01 ../../maps/tiers.yaml: both resolve inside the archive.
        Run test = run(home, "bin/respawn", "test", "--rules", "rules",
                "examples/scenarios/01-crash-restarts-smallest-group", "examples/scenarios/21-iroom-morning");

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("PASS 21-iroom-morning", "2 passed, 0 failed");
    }

    /** A JDK of Java 25 or later on this machine (JAVA25_HOME, or one under /usr/lib/jvm), if there is one. */
    private static Optional<Path> java25() throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (System.getenv("JAVA25_HOME") != null) {
            candidates.add(Path.of(System.getenv("JAVA25_HOME")));
        }
        if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
                jdks.sorted().forEach(candidates::add);
            }
        }
        for (Path jdk : candidates) {
            Path release = jdk.resolve("release");
            if (Files.isExecutable(jdk.resolve("bin/java")) && Files.isRegularFile(release)) {
                Matcher version = JAVA_VERSION.matcher(Files.readString(release));
                if (version.find() && Integer.parseInt(version.group(1)) >= 25) {
                    return Optional.of(jdk);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void aotCache_isTrainedOnJava25_andTheLauncherStartsOnIt() throws Exception {
        Optional<Path> jdk = java25();
        assumeTrue(jdk.isPresent(), "no JDK of Java 25 or later here (set JAVA25_HOME)");
        Path cache = unpacked.resolve("cache/respawn.aot");
        Map<String, String> java = Map.of("JAVA_HOME", jdk.get().toString());

        Run train = run(home, java, "bin/respawn", "aot", cache.toString());

        assertThat(train.exit()).as(train.output()).isZero();
        assertThat(train.output()).contains("aot: training 4/4: recovered ", "aot: wrote " + cache);
        assertThat(cache).isRegularFile();
        assertThat(Path.of(cache + ".tmp")).doesNotExist();
        // AOTMode=on: a JVM that cannot use the cache (another class path, another Java) refuses to start
        Map<String, String> withCache = Map.of("JAVA_HOME", jdk.get().toString(),
                "RESPAWN_JAVA_OPTS", "-XX:AOTCache=" + cache + " -XX:AOTMode=on");
        Run check = run(home, withCache, "bin/respawn", "check", "--map", "examples/iroom.yaml");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("map ok: examples/iroom.yaml");
    }

    @Test
    void aotOnAnOlderJava_saysWhatItNeeds() throws Exception {
        assumeTrue(Runtime.version().feature() < 25, "this JVM writes AOT caches");
        Run train = run(home, Map.of("JAVA_HOME", System.getProperty("java.home")), "bin/respawn", "aot",
                unpacked.resolve("never.aot").toString());

        assertThat(train.exit()).isEqualTo(1);
        assertThat(train.output()).contains("aot: an AOT cache needs Java 25 or later, and this is Java "
                + Runtime.version().feature());
        assertThat(unpacked.resolve("never.aot")).doesNotExist();
    }

    @Test
    void replayOfABrokenLog_failsWithFileAndLine() throws Exception {
        Path log = Files.writeString(unpacked.resolve("broken.jsonl"), "{\"format\":\"respawn-fact-log\",\"version\":1}\n"
                + "{\"type\":\"tick\",\"id\":\"t1\"}\n");

        Run replay = run(home, "bin/respawn", "replay", log.toString());

        assertThat(replay.exit()).isEqualTo(1);
        assertThat(replay.output()).startsWith(log + ":2: ");
    }
}
