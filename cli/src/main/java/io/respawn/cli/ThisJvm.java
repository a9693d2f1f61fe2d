package io.respawn.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The command line of a JVM like this one: its java, the options {@code keep} accepts, its class path. */
public final class ThisJvm {
    private ThisJvm() {
    }

    /** {@code java [this JVM's options that keep accepts] [extra] -cp CLASSPATH mainClass args...}. */
    public static List<String> command(Predicate<String> keep, List<String> extra, String mainClass,
                                       List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(keep).forEach(command::add);
        command.addAll(extra);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }
}
