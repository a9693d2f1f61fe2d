package io.respawn.cli;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.oracle.RuleBaseException;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code respawn check}: compiles rules and validates a map; errors as {@code file:line: message}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compiles the rules and validates the restart map without running anything.",
            "Prints each problem as file:line: message and exits 1 if there is any."})
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--rules", paramLabel = "DIR", description = "Directory of .drl files (default: the built-in rules).")
    Path rules;

    @Option(names = "--map", paramLabel = "FILE", description = "Restart map (YAML) to validate.")
    Path map;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int problems = 0;
        try {
            RuleBase base = RuleBase.load(rules);
            out.printf("rules ok: %d files from %s%n", base.files().size(), base.origin());
            base.interpretedBecause().ifPresent(why -> out.printf("note: every constraint runs interpreted (correct,"
                    + " slower): %s (docs/rule-authoring.md)%n", why));
        } catch (RuleBaseException e) {
            e.problems().forEach(err::println);
            problems += e.problems().size();
        }
        if (map != null) {
            try {
                RestartMap loaded = RestartMap.load(map);
                out.printf("map ok: %s, %d groups, %d components%n", map, loaded.groups().size(),
                        loaded.components().size());
            } catch (MapException e) {
                e.problems().forEach(err::println);
                problems += e.problems().size();
            }
        }
        out.flush();
        err.flush();
        return problems == 0 ? 0 : 1;
    }
}
