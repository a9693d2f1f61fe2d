package io.respawn.cli;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose rules and a map, shared by replay, test and check. */
final class RuleOptions {
    /** The name that stands for the packaged rules where a rules directory is expected. */
    static final String DEFAULT_RULES = "default";

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Directory of .drl files to use instead of the default rules ('default' names them).")
    Path rules;

    @Option(names = "--map", paramLabel = "FILE",
            description = "Restart map (YAML) to use instead of the one the fact log records.")
    Path map;

    RuleBase ruleBase() {
        return load(rules);
    }

    /** The rules {@code dir} names: a directory of .drl files, or the packaged rules for null or {@code default}. */
    static RuleBase load(Path dir) {
        return isDefault(dir) ? RuleBase.defaults() : RuleBase.fromDirectory(dir);
    }

    /** The rules {@code dir} names, for people: {@code default rules} or the directory. */
    static String name(Path dir) {
        return isDefault(dir) ? "default rules" : dir.toString();
    }

    /** Null and the word {@code default} name the packaged rules; a directory called default is {@code ./default}. */
    private static boolean isDefault(Path dir) {
        return dir == null || DEFAULT_RULES.equals(dir.toString());
    }

    RestartMap mapOrNull() throws MapException {
        return map == null ? null : RestartMap.load(map);
    }
}
