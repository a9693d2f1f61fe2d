package io.respawn.cli;

import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@code respawn bench memory}: replays a synthetic journal of
 * {@code components} components over {@code seconds} into an oracle with the default
 * rules, then, with the oracle still in use, collects garbage and prints the heap in use
 * ({@code heapBytes=N}) and the facts in the session ({@code sessionFacts=N}).
 *
 * <pre>java -cp CLASSPATH io.respawn.cli.MemoryProbe COMPONENTS SECONDS</pre>
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        int components = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Path journal = Files.createTempFile("respawn-bench-memory-", ".jsonl");
        try {
            SyntheticJournal.write(journal, components, seconds, 5);
            RuleBase rules = RuleBase.load(null);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = settledHeap(memory);
            try (Oracle oracle = new Oracle(rules, null);
                 FactLogReader reader = FactLogReader.open(journal)) {
                LogEntry entry;
                while ((entry = reader.next()) != null) {
                    oracle.accept(entry.fact());
                }
                long after = settledHeap(memory);
                System.out.println("baseHeapBytes=" + before);
                System.out.println("heapBytes=" + after);
                System.out.println("sessionFacts=" + oracle.facts(Object.class).size());
                if (Boolean.getBoolean("respawn.bench.histogram")) {
                    printHistogram();
                }
            }
        } finally {
            Files.deleteIfExists(journal);
        }
    }

    /** The heap's largest classes (jcmd GC.class_histogram, live objects), on standard error. */
    private static void printHistogram() throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String text = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor();
        text.lines().limit(40).forEach(System.err::println);
    }

    /** Heap in use after full collections, once two in a row agree within 1%. */
    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < last / 100) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
