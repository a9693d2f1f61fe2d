package io.respawn.probes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Finds the program a probe command names before anything is started, so a program that
 * is missing or not executable is told apart (ERROR: the probe cannot run) from a program
 * that runs and reports a problem (FAIL).
 */
final class ProgramPath {
    private ProgramPath() {
    }

    /**
     * The executable file {@code program} names: a name with a slash is a path, any other
     * name is looked up in {@code searchPath} (the PATH variable's value).
     *
     * @throws IOException with a message saying what is wrong, in plain words
     */
    static Path find(String program, String searchPath) throws IOException {
        try {
            if (program.contains(File.separator) || program.contains("/")) {
                return executable(Path.of(program));
            }
            for (String dir : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        } catch (InvalidPathException e) {
            throw new IOException("not a valid file name", e);
        }
        throw new IOException("not found on PATH");
    }

    private static Path executable(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("does not exist");
        }
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IOException("not an executable file");
        }
        return path.toAbsolutePath();
    }
}
