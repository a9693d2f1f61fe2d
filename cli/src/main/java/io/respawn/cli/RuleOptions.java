package io.respawn.cli;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose rules and a map, shared by replay, test and check. */
final class RuleOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Directory of .drl files to use instead of the default rules.")
    Path rules;

    @Option(names = "--map", paramLabel = "FILE",
            description = "Restart map (YAML) to use instead of the one the fact log records.")
    Path map;

    RuleBase ruleBase() {
        return RuleBase.load(rules);
    }

    RestartMap mapOrNull() throws MapException {
        return map == null ? null : RestartMap.load(map);
    }
}
