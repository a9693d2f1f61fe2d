package io.respawn.agent.process;

import io.respawn.facts.ComponentId;
import io.respawn.facts.map.Component;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns one run of a component: its argv through {@code setsid} (so it leads a session
 * and process group of its own), in its working directory, with the map's environment
 * plus the RESPAWN_* variables, stdin from /dev/null and stdout+stderr appended to its
 * log file directly (no pipe through the agent, so a component outlives the agent's
 * death). The logs are rotated by copy-truncate every {@value #ROTATE_CHECK_MS} ms.
 */
final class Launcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final File DEV_NULL = new File("/dev/null");
    static final long ROTATE_CHECK_MS = 250;

    static {
        LaunchMechanism.preferVfork();
    }

    private final SupervisorSettings settings;
    private final OrphanReaper reaper;
    private final Path setsid;
    private final SecureRandom random = new SecureRandom();
    private final Map<ComponentId, RotatingLog> logs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService rotator = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "respawn-log-rotation");
        thread.setDaemon(true);
        return thread;
    });

    Launcher(SupervisorSettings settings, OrphanReaper reaper) {
        this.settings = settings;
        this.reaper = reaper;
        this.setsid = SETSID.stream().filter(Files::isExecutable).findFirst().orElseThrow(
                () -> new IllegalStateException("setsid - not found: " + SETSID + " (install util-linux)"));
        rotator.scheduleWithFixedDelay(this::rotate, ROTATE_CHECK_MS, ROTATE_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Opens (creates) the component's log, so that a re-adopted run's log is rotated too. */
    RotatingLog log(Component component) throws IOException {
        RotatingLog log = logs.get(component.id());
        if (log == null) {
            log = new RotatingLog(settings.logDir().resolve(component.name() + ".log"), settings.logMaxBytes(),
                    settings.logFiles());
            logs.put(component.id(), log);
        }
        return log;
    }

    /**
     * @param restartId the decision this start carries out, or null
     * @throws IOException with a message in plain words when no process could be started
     */
    Instance launch(Component component, String restartId, Instant now) throws IOException {
        RotatingLog log = log(component);
        String marker = settings.node() + "." + component.name() + "." + hex(6);
        String token = hex(16);
        ProcessBuilder builder = new ProcessBuilder(argv(component));
        Path workdir = component.workdir().map(Path::of).orElse(Path.of("").toAbsolutePath());
        if (!Files.isDirectory(workdir)) {
            throw new IOException("no such directory: " + workdir);
        }
        builder.directory(workdir.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(component.env());
        env.put("RESPAWN_COMPONENT", component.name());
        env.put("RESPAWN_NODE", settings.node());
        env.put("RESPAWN_HEARTBEAT_HOST", settings.heartbeatHost());
        env.put("RESPAWN_HEARTBEAT_PORT", Integer.toString(settings.heartbeatPort()));
        env.put("RESPAWN_HEARTBEAT_TOKEN", token);
        env.put("RESPAWN_INSTANCE", marker);
        requireProgram(component.command().get(0), env.get("PATH"), workdir);
        builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        reaper.spawned(process.pid());
        long startTicks = ProcFs.stat(process.pid()).map(ProcStat::startTicks).orElse(-1L);
        log.note("--- respawn: " + component.name() + " started as pid " + process.pid() + " at " + now
                + (restartId == null ? "" : " (restart " + restartId + ")") + " ---");
        LOG.debug("spawned: component={} pid={} marker={} command={}", component.name(), process.pid(), marker,
                component.command());
        return new Instance(component, process, startTicks, now, marker, token, restartId);
    }

    @Override
    public void close() {
        rotator.shutdownNow();
    }

    private void rotate() {
        for (RotatingLog log : logs.values()) {
            try {
                if (log.rotateIfFull()) {
                    LOG.debug("log rotated: file={}", log.file());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("log rotation failed, will retry: file={} cause={}", log.file(), e.toString());
            }
        }
    }

    private List<String> argv(Component component) {
        List<String> argv = new ArrayList<>();
        argv.add(setsid.toString());
        argv.addAll(component.command());
        return argv;
    }

    /** Checks the program can be run, as execvp would find it, so a typo fails the start and not the process. */
    private static void requireProgram(String program, String path, Path workdir) throws IOException {
        Optional<Path> found;
        if (program.contains("/")) {
            found = Optional.of(workdir.resolve(program)).filter(Launcher::isRunnable);
        } else {
            found = (path == null ? List.<String>of() : List.of(path.split(":", -1))).stream()
                    .map(dir -> dir.isEmpty() ? workdir : workdir.resolve(dir))
                    .map(dir -> dir.resolve(program))
                    .filter(Launcher::isRunnable)
                    .findFirst();
        }
        if (found.isEmpty()) {
            throw new IOException("program not found or not executable: \"" + program + "\" (PATH=" + path + ")");
        }
    }

    private static boolean isRunnable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
