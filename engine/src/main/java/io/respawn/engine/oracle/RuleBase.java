package io.respawn.engine.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.conf.ConstraintJittingThresholdOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled set of {@code .drl} files: the default rules packaged with respawn, or a
 * directory a domain expert edits. Files are read once, as bytes, when the rule base is
 * built, so an edit takes effect the next time rules are loaded, without recompiling
 * anything in Java.
 */
public final class RuleBase {
    private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);
    /** Where the default rules live on the class path. */
    public static final String DEFAULT_LOCATION = "io/respawn/rules";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieBase kieBase;
    private final List<String> files;
    private final String origin;
    private final Path directory;
    private final String digest;
    private final Optional<String> interpreted;

    private RuleBase(KieBase kieBase, List<String> files, String origin, Path directory, String digest,
                     Optional<String> interpreted) {
        this.kieBase = kieBase;
        this.files = List.copyOf(files);
        this.origin = origin;
        this.directory = directory;
        this.digest = digest;
        this.interpreted = interpreted;
    }

    /**
     * Why every constraint of these rules runs interpreted (a rule uses an operator the
     * constraint JIT cannot compile, see {@link ConstraintJit}), or empty if the JIT is on.
     */
    public Optional<String> interpretedBecause() {
        return interpreted;
    }

    /** Compiles every {@code *.drl} in {@code dir} (not recursive). */
    public static RuleBase fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleBaseException(List.of(new RuleProblem(dir.toString(), 0, "not a directory of .drl files")));
        }
        return compile(readDrl(dir), dir.toString(), dir);
    }

    /** The rules in {@code dir}, or the default rules when {@code dir} is null. */
    public static RuleBase load(Path dir) {
        return dir == null ? defaults() : fromDirectory(dir);
    }

    /** The default rules shipped with respawn. */
    public static RuleBase defaults() {
        URL url = RuleBase.class.getClassLoader().getResource(DEFAULT_LOCATION);
        if (url == null) {
            throw new IllegalStateException("the default rules are missing from the class path: " + DEFAULT_LOCATION);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = jarFileSystem(uri)) {
                    return compile(readDrl(jar.getPath(DEFAULT_LOCATION)), "default rules", null);
                }
            }
            return compile(readDrl(Path.of(uri)), "default rules", null);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the default rules at " + url, e);
        }
    }

    /** The rule files, by name, in the order they were compiled. */
    public List<String> files() {
        return files;
    }

    /** Where the rules came from: a directory, or "default rules". */
    public String origin() {
        return origin;
    }

    /** The directory the rules were read from; empty for the default rules. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** Reads and compiles the rules again from where these came from (the directory, or the defaults). */
    public RuleBase reread() {
        return load(directory);
    }

    /**
     * Whether the rule files where these came from still have the text these were compiled
     * from (read again, not compiled); the default rules never change.
     */
    public boolean unchangedOnDisk() {
        return directory == null || (Files.isDirectory(directory) && digestOf(readDrl(directory)).equals(digest));
    }

    /**
     * SHA-256 over the names and bytes of the rule files, in compile order: two rule bases with
     * the same digest were compiled from the same text.
     */
    public String digest() {
        return digest;
    }

    KieBase kieBase() {
        return kieBase;
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            FileSystems.getFileSystem(uri);
            throw new IllegalStateException("the rules jar is already open: " + uri);
        } catch (FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(uri, Map.of());
        }
    }

    private static Map<String, byte[]> readDrl(Path dir) {
        Map<String, byte[]> drl = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.sorted().toList()) {
                if (file.getFileName().toString().endsWith(".drl")) {
                    drl.put(file.toString(), Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + " - cannot read rules", e);
        }
        if (drl.isEmpty()) {
            throw new RuleBaseException(List.of(new RuleProblem(dir.toString(), 0, "no .drl files here")));
        }
        return drl;
    }

    private static String digestOf(Map<String, byte[]> drl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : drl.entrySet()) {
                sha.update(Path.of(file.getKey()).getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(file.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static RuleBase compile(Map<String, byte[]> drl, String origin, Path directory) {
        KieServices kie = KieServices.Factory.get();
        ReleaseId release = kie.newReleaseId("io.respawn", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = kie.newKieFileSystem();
        kfs.generateAndWritePomXML(release);
        Map<String, String> original = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, byte[]> file : drl.entrySet()) {
            String name = Path.of(file.getKey()).getFileName().toString();
            String kiePath = "src/main/resources/" + DEFAULT_LOCATION + "/" + (index++) + "-" + name;
            original.put(kiePath.substring("src/main/resources/".length()), file.getKey());
            kfs.write(kiePath, file.getValue());
        }
        KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
        List<RuleProblem> problems = new ArrayList<>();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        for (Message message : errors) {
            if (RuleMessages.isEcho(message.getText()) && errors.size() > 1) {
                continue;
            }
            String path = message.getPath() == null ? origin : original.getOrDefault(message.getPath(), message.getPath());
            problems.add(new RuleProblem(path, message.getLine(), RuleMessages.plain(message.getText())));
        }
        if (!problems.isEmpty()) {
            throw new RuleBaseException(problems);
        }
        KieContainer container = kie.newKieContainer(release);
        int threshold = Integer.getInteger(ConstraintJittingThresholdOption.PROPERTY_NAME, ConstraintJit.THRESHOLD);
        KieBase base = container.newKieBase(kieBaseConfiguration(kie, threshold));
        Optional<String> interpreted;
        if (threshold < 0) {
            interpreted = Optional.of(ConstraintJittingThresholdOption.PROPERTY_NAME + " is " + threshold);
        } else {
            interpreted = ConstraintJit.blocker(base);
            if (interpreted.isPresent()) {                      // built again, the JIT off
                LOG.info("constraint JIT off, every constraint interpreted (correct, slower): {} origin={}",
                        interpreted.get(), origin);
                base = container.newKieBase(kieBaseConfiguration(kie, -1));
            }
        }
        return new RuleBase(base, new ArrayList<>(drl.keySet()), origin, directory, digestOf(drl), interpreted);
    }

    /** STREAM mode, and the constraint JIT after {@code jitThreshold} runs (-1: off; see {@link ConstraintJit}). */
    private static KieBaseConfiguration kieBaseConfiguration(KieServices kie, int jitThreshold) {
        KieBaseConfiguration config = kie.newKieBaseConfiguration();
        config.setOption(EventProcessingOption.STREAM);
        config.setOption(ConstraintJittingThresholdOption.get(jitThreshold));
        return config;
    }
}
