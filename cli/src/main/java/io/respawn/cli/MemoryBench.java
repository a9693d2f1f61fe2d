package io.respawn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code respawn bench memory}: heap per component at steady state. For each size, a
 * fresh JVM ({@link MemoryProbe}) replays a synthetic journal into an oracle and reports
 * the heap in use after garbage collection; the heap per component is the slope between
 * the smallest and the largest size, so what every oracle holds whatever its size (rule
 * base, JVM) drops out.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = {"Measures heap per component: the heap in use after GC with an oracle that replayed a",
            "synthetic journal, in a fresh JVM per size; prints the slope between the sizes."})
final class MemoryBench implements Callable<Integer> {
    @Option(names = "--components", split = ",", defaultValue = "1000,10000",
            description = "Sizes to measure (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--seconds", defaultValue = "30", description = "Recorded seconds per journal (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--runs", defaultValue = "3", description = "JVMs per size; the median is used (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--histogram", description = "Print each probe JVM's largest classes (jcmd GC.class_histogram).")
    boolean histogram;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<Integer, Long> heap = new LinkedHashMap<>();
        for (int size : sizes) {
            List<Long> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Map<String, String> result = probe(size);
                long used = Long.parseLong(result.get("heapBytes"));
                samples.add(used);
                out.printf(Locale.ROOT, "%d components, run %d: heap in use %.1f MB (before the oracle %.1f MB),"
                        + " %s facts in the session%n", size, i + 1, used / 1e6,
                        Long.parseLong(result.get("baseHeapBytes")) / 1e6, result.get("sessionFacts"));
                out.flush();
            }
            samples.sort(null);
            heap.put(size, samples.get(samples.size() / 2));
        }
        int small = sizes.stream().min(Integer::compare).orElseThrow();
        int large = sizes.stream().max(Integer::compare).orElseThrow();
        if (large > small) {
            double slope = (heap.get(large) - heap.get(small)) / (double) (large - small);
            out.printf(Locale.ROOT, "heap per component (slope %d -> %d, medians): %.0f bytes%n", small, large, slope);
        }
        return 0;
    }

    private Map<String, String> probe(int size) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Drespawn.bench.histogram=" + histogram, "-cp",
                System.getProperty("java.class.path"), MemoryProbe.class.getName(), Integer.toString(size), Integer.toString(seconds))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    result.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        int status = child.waitFor();
        if (status != 0 || !result.containsKey("heapBytes")) {
            throw new IllegalStateException("bench memory - the probe JVM for " + size + " components failed: exit "
                    + status);
        }
        return result;
    }
}
