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
        List<Path> folders = Scenario.find(ROOT);
        assertTrue(folders.size() >= 15, "expected at least 15 scenarios under " + ROOT.toAbsolutePath()
                + ", found " + folders.size());
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> {
            ScenarioResult result = new Scenario(folder).run(RULES);
            if (!result.passed()) {
                fail(result.report());
            }
        }));
    }
}
