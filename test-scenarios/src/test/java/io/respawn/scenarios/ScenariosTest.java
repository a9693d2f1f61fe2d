package io.respawn.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.scenario.Scenario;
import io.respawn.engine.scenario.ScenarioResult;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Replays every scenario folder of this module through the default rules; one test per folder. */
class ScenariosTest {
    private static final Path ROOT = Path.of("scenarios");
    private static final RuleBase RULES = RuleBase.defaults();

    @TestFactory
    Stream<DynamicTest> everyScenario_decidesWhatItsReadmeSays() {
        return everyScenario(RULES);
    }

    /**
     * The same with every constraint handed to Drools' constraint JIT on its first run (the
     * engine's threshold is 20, which a scenario seldom reaches; the JIT compiles on a thread
     * of its own, so the runs after that use the compiled form): a rule the JIT compiles
     * wrongly shows here instead of in a long-running engine.
     */
    @TestFactory
    Stream<DynamicTest> everyScenario_decidesTheSame_withEveryConstraintCompiledOnItsFirstRun() {
        String property = "drools.jittingThreshold";
        String before = System.getProperty(property);
        RuleBase compiledAtOnce;
        try {
            System.setProperty(property, "1");
            compiledAtOnce = RuleBase.defaults();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
        return everyScenario(compiledAtOnce);
    }

    private static Stream<DynamicTest> everyScenario(RuleBase rules) {
        List<Path> folders = Scenario.find(ROOT);
        assertTrue(folders.size() >= 15, "expected at least 15 scenarios under " + ROOT.toAbsolutePath()
                + ", found " + folders.size());
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> {
            ScenarioResult result = new Scenario(folder).run(rules);
            if (!result.passed()) {
                fail(result.report());
            }
        }));
    }
}
