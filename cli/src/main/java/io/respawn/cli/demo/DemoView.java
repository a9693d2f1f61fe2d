package io.respawn.cli.demo;

import io.respawn.agent.process.ProcessEntry;
import io.respawn.engine.replay.DecisionText;
import io.respawn.facts.Decision;
import io.respawn.facts.GiveUp;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's live terminal view: the components with their PID, state and restarts, and
 * the latest events (faults injected, decisions with their rule). On a terminal it
 * redraws the screen every second; otherwise it prints each event once, as a line.
 */
final class DemoView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final int EVENTS_SHOWN = 14;

    private final PrintStream out;
    private final boolean terminal;
    private final Deque<String> events = new ArrayDeque<>();
    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();

    DemoView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void event(String text) {
        String line = LocalTime.now(ZoneId.systemDefault()).format(TIME) + "  " + text;
        events.addLast(line);
        while (events.size() > EVENTS_SHOWN) {
            events.removeFirst();
        }
        if (!terminal) {
            out.println(line);
            out.flush();
        }
    }

    void decided(Decision decision) {
        if (decision instanceof Restart r) {
            restarts.merge(r.group().name(), 1, Integer::sum);
        } else if (decision instanceof RestartDependent d) {
            restarts.merge(d.component().name(), 1, Integer::sum);
        }
        String marker = decision instanceof GiveUp ? "GIVE-UP " : "DECIDE  ";
        event(marker + DecisionText.type(decision) + " " + DecisionText.what(decision) + "  [" + decision.rule() + "]");
    }

    synchronized void draw(List<ProcessEntry> table, String header) {
        if (!terminal) {
            return;
        }
        StringBuilder screen = new StringBuilder("\033[H\033[2J");
        screen.append(header).append("\n\n");
        screen.append(String.format("%-12s %-14s %8s %-9s %7s  %s%n", "COMPONENT", "GROUP", "PID", "STATE", "STARTS",
                "LAST EXIT"));
        for (ProcessEntry e : table) {
            screen.append(String.format("%-12s %-14s %8d %-9s %7d  %s%n", e.component(), e.group(), e.pid(), e.state(),
                    e.starts(), e.lastExit().orElse("")));
        }
        screen.append("\nrestarts decided by group: ").append(restarts.isEmpty() ? "none yet" : restarts).append("\n\n");
        for (String line : events) {
            screen.append(line).append('\n');
        }
        screen.append("\nCtrl-C stops the demo and every process it started.\n");
        out.print(screen);
        out.flush();
    }
}
