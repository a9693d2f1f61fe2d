package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.AgentSettings;
import io.respawn.agent.RunningAgent;
import io.respawn.agent.link.EngineLink;
import io.respawn.agent.process.ProcessEntry;
import io.respawn.agent.process.ProcessState;
import io.respawn.engine.console.Console;
import io.respawn.engine.console.Token;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.EngineService;
import io.respawn.engine.status.StatusBoard;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium driven by Selenium): an engine,
 * an agent and a real component; the component is killed and the page, never reloaded, shows
 * the state change and the decision with its rule; a give-up is acknowledged with the button.
 *
 * <p>With {@code -Drespawn.screenshots=DIR} (relative to the repository root) it saves
 * {@code dashboard.png} and {@code give-up.png} there.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final byte[] SECRET = "dashboard test secret, long enough".getBytes(StandardCharsets.UTF_8);
    private static final Duration LIVE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MAP = """
            version: 1
            defaults: {node: web, stopGrace: 2s, startupGrace: 1s, cureWindow: 60s, intensity: {restarts: 5, period: 60s}}
            root:
              group: root
              children:
                - group: services
                  children:
                    - component: worker
                      command: [sleep, "3600"]
                - group: storage
                  children:
                    - component: store
                      command: [sleep, "3600"]
            """;
    private static RuleBase rules;

    @TempDir
    Path dir;

    private EngineService engine;
    private Console console;
    private RunningAgent agent;
    private ChromeDriver browser;
    private String dashboard;

    @BeforeAll
    static void needsChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install -y chromium chromium-driver)";
        if (!present && "1".equals(System.getenv("RESPAWN_REQUIRE_BROWSER"))) {
            Assertions.fail(missing + "; RESPAWN_REQUIRE_BROWSER=1 makes their absence a failure");
        }
        Assumptions.assumeTrue(present, missing + "; skipped");
        rules = RuleBase.defaults();
    }

    @BeforeEach
    void start() throws IOException, MapException {
        Path map = Files.writeString(dir.resolve("map.yaml"), MAP);
        StatusBoard board = StatusBoard.live();
        engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"), rules, map,
                new InetSocketAddress("127.0.0.1", 0), SECRET, Duration.ofSeconds(1)), board);
        Token token = Token.resolve(null, dir.resolve("http-token"));
        console = Console.start(new Console.Settings(new InetSocketAddress("127.0.0.1", 0), token), board, engine);
        dashboard = console.dashboardUrl(token);
        agent = RunningAgent.start(RestartMap.load(map), "web", AgentSettings.defaults().withLogDir(dir.resolve("logs"))
                .withAnyLoopbackPorts(), new EngineLink.Settings(engine.address(), "web", SECRET, 10_000));
        Eventually.within(WAIT, "agent linked and worker running", () -> agent.link().isReady() && pid("worker") > 0);
        browser = chromium(Files.createDirectories(dir.resolve("chromium-profile")));
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 860));   // a laptop screen
        return driver;
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (agent != null) {
            agent.close();
        }
        if (console != null) {
            console.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private long pid(String component) {
        return agent.node().processTable().stream()
                .filter(e -> e.component().name().equals(component) && e.state() == ProcessState.RUNNING)
                .mapToLong(ProcessEntry::pid).findFirst().orElse(0);
    }

    private static void kill(long pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor()).isZero();
    }

    private long restarted(String component, long old) {
        long[] now = {0};
        Eventually.within(WAIT, component + " running again with a new pid", () -> {
            now[0] = pid(component);
            return now[0] > 0 && now[0] != old;
        });
        return now[0];
    }

    /** Opens the dashboard and waits until it follows the engine's events and shows the worker running. */
    private void openDashboard() {
        browser.get(dashboard);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("link"), "live"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector("[data-component='worker'] .state"), "running"));
        // records every state word the worker's row shows, in order, as the page redraws it
        ((JavascriptExecutor) browser).executeScript("""
                window.seen = [];
                new MutationObserver(() => {
                  const state = document.querySelector("[data-component='worker'] .state");
                  if (state && window.seen[window.seen.length - 1] !== state.textContent) window.seen.push(state.textContent);
                }).observe(document.getElementById("tree"), {childList: true, subtree: true});
                """);
    }

    @SuppressWarnings("unchecked")
    private List<String> statesSeen() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return window.seen;");
    }

    @Test
    void killedComponent_stateChangeAndRestartDecisionWithItsRule_showWithoutReload() throws Exception {
        openDashboard();
        long old = pid("worker");

        kill(old);

        WebElement decision = new WebDriverWait(browser, LIVE).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#timeline .decision[data-type='restart']")));
        new WebDriverWait(browser, LIVE).until(b -> statesSeen().contains("restarting"));
        assertThat(decision.getText()).contains("restart group services because worker failed");
        long fresh = restarted("worker", old);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-component='worker']"), "pid " + fresh));
        List<String> seen = statesSeen();                      // e.g. [running, restarting, running]
        assertThat(seen.subList(seen.indexOf("restarting"), seen.size())).as("states shown: %s", seen)
                .containsExactly("restarting", "running");
        assertThat(browser.findElement(By.cssSelector("[data-component='worker']")).getText()).contains("1 restart");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(   // the groups above follow their members
                By.cssSelector("[data-group='services'] > .row .state"), "running"));
        assertThat(browser.findElement(By.cssSelector("[data-group='root'] > .row .state")).getText()).isEqualTo("running");

        decision.findElement(By.tagName("summary")).click();   // opens to show why
        WebElement why = decision.findElement(By.cssSelector(".why"));
        assertThat(why.findElement(By.cssSelector(".rule")).getText())
                .isEqualTo("RS-10 A wanted restart of a group within its restart intensity is decided");
        assertThat(why.getText()).contains("worker failed (exited): process web:" + old + " exited unasked with signal 9")
                .contains("worker (pid " + old + " on web) exited unasked: signal 9");
        assertThat(((JavascriptExecutor) browser).executeScript("return performance.getEntriesByType('navigation').length"))
                .isEqualTo(1L);                                    // one page load: everything came live
        screenshot("dashboard.png");
    }

    @Test
    void giveUp_showsTheBanner_andTheButtonAcknowledgesIt_pauseShowsItsBadge() throws Exception {
        openDashboard();
        // first failure: restart services; the worker fails again at once: escalate to root, restart root;
        // and again: restarting the root did not cure, give up
        long pid = pid("worker");
        for (int failure = 0; failure < 2; failure++) {
            kill(pid);
            pid = restarted("worker", pid);
        }
        kill(pid);

        WebElement banner = new WebDriverWait(browser, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#giveups p[data-group='root']")));
        assertThat(banner.getText()).startsWith("Gave up at root").contains("worker failed");
        assertThat(browser.findElement(By.cssSelector("[data-group='root'] .badge.given-up")).getText())
                .isEqualTo("given up");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector("[data-component='worker'] .state"), "given-up"));
        screenshot("give-up.png");

        banner.findElement(By.cssSelector("button.ack")).click();

        Eventually.within(WAIT, "the acknowledgement journaled", () -> journal().contains("\"type\":\"operator-ack\""));
        assertThat(journal().lines().filter(l -> l.contains("\"type\":\"operator-ack\"")))
                .singleElement().asString().contains("\"group\":\"root\"").contains("\"operator\":\"dashboard\"");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("giveups")));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#timeline .decision[data-type='rearm']")));
        assertThat(browser.findElement(By.id("notice")).isDisplayed()).isFalse();

        browser.findElement(By.cssSelector("[data-group='storage'] > .row button.pause")).click();

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector("[data-group='storage'] > .row .badge.paused"), "automation paused"));
        assertThat(journal()).contains("\"type\":\"operator-pause\"");
    }

    private String journal() {
        try {
            return Files.readString(dir.resolve("journal.jsonl"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void screenshot(String name) throws IOException {
        String target = System.getProperty("respawn.screenshots");
        if (target == null || target.isBlank()) {
            return;
        }
        Path root = Files.exists(Path.of("../cli/pom.xml")) ? Path.of("..") : Path.of(".");
        Path folder = Files.createDirectories(root.resolve(target));
        Files.write(folder.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
