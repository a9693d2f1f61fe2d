package io.respawn.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Process ids as tests see them. */
public final class Processes {
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private Processes() {
    }

    /**
     * Whether process {@code pid} still runs anything. A zombie (dead, its exit status not yet
     * collected by its parent — init, for an orphan) does not.
     */
    public static boolean running(long pid) {
        Path stat = Path.of("/proc/" + pid + "/stat");
        try {
            String text = Files.readString(stat);
            // pid (comm) state ...; comm may hold spaces and parentheses, so read after the last ')'
            char state = text.substring(text.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The whole numbers in {@code text}, in order: the pids a test command printed. */
    public static List<Long> numbersIn(String text) {
        Matcher numbers = NUMBER.matcher(text);
        return numbers.results().map(match -> Long.parseLong(match.group())).toList();
    }
}
