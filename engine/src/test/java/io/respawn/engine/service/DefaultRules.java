package io.respawn.engine.service;

import io.respawn.engine.oracle.RuleBase;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Test helper: the default rules copied into a directory, to be edited and reloaded. */
final class DefaultRules {
    private DefaultRules() {
    }

    static Path copyTo(Path target) throws IOException {
        Files.createDirectories(target);
        try {
            URI uri = RuleBase.class.getClassLoader().getResource(RuleBase.DEFAULT_LOCATION).toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copy(jar.getPath(RuleBase.DEFAULT_LOCATION), target);
                }
            } else {
                copy(Path.of(uri), target);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return target;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".drl")).toList()) {
                Files.write(to.resolve(file.getFileName().toString()), Files.readAllBytes(file));
            }
        }
    }
}
