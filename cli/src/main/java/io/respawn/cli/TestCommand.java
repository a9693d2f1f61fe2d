package io.respawn.cli;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.scenario.Scenario;
import io.respawn.engine.scenario.ScenarioResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code respawn test DIR}: runs scenarios and reports {@code N passed, N failed}. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs scenarios: each folder holds facts.jsonl, expected.jsonl and a README.",
            "DIR is one scenario folder or a folder of them. Exits 1 if any fails."})
final class TestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Scenario folder(s), or folders holding them.")
    List<Path> dirs;

    @Option(names = "--rules", paramLabel = "DIR", description = "Directory of .drl files to test instead of the default rules.")
    Path rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleBase ruleBase = RuleBase.load(rules);
        int passed = 0;
        int failed = 0;
        for (Path dir : dirs) {
            for (Path folder : Scenario.find(dir)) {
                ScenarioResult result = new Scenario(folder).run(ruleBase);
                if (result.passed()) {
                    passed++;
                    out.printf("PASS %s (%d decisions)%n", result.name(), result.decisions());
                } else {
                    failed++;
                    out.printf("FAIL %s%n  %s%n", result.name(), result.report().replace("\n", "\n  "));
                }
                out.flush();
            }
        }
        out.printf("%d passed, %d failed%n", passed, failed);
        out.flush();
        return failed == 0 && passed > 0 ? 0 : 1;
    }
}
