package io.respawn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and the certificates a TLS test needs, made with the {@code openssl} command
 * as docs/security.md tells an operator to: the engine's (naming 127.0.0.1), one naming
 * another host, an agent's, and a second CA with an agent certificate of its own. The CA
 * and the engine have RSA keys as the docs make them; the rest have EC keys, which are
 * quicker to make and show that those are read too.
 */
final class Certificates {
    private static final List<String> RSA = List.of("-newkey", "rsa:2048");
    private static final List<String> EC = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");

    final Path dir;

    private Certificates(Path dir) {
        this.dir = dir;
    }

    /** Makes them all in {@code dir}. */
    static Certificates in(Path dir) throws IOException, InterruptedException {
        Certificates c = new Certificates(dir);
        c.ca("ca", RSA);
        c.ca("other-ca", EC);
        c.signed("engine", RSA, "ca", "subjectAltName=IP:127.0.0.1");
        c.signed("elsewhere", EC, "ca", "subjectAltName=DNS:elsewhere.example,IP:10.9.9.9");
        c.signed("agent", EC, "ca", "extendedKeyUsage=clientAuth");
        c.signed("stranger", EC, "other-ca", "extendedKeyUsage=clientAuth");
        return c;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    @SafeVarargs
    private static String[] args(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toArray(String[]::new);
    }

    /** Runs {@code openssl args…} in the directory; fails with its output unless it succeeds. */
    void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("openssl did not finish within 30s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("openssl failed (exit " + process.exitValue() + "): " + command + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private void ca(String name, List<String> newKey) throws IOException, InterruptedException {
        openssl(args(List.of("req", "-x509"), newKey, List.of("-nodes", "-days", "825", "-subj",
                "/CN=respawn test " + name, "-keyout", name + ".key", "-out", name + ".crt")));
    }

    private void signed(String name, List<String> newKey, String ca, String extension)
            throws IOException, InterruptedException {
        openssl(args(List.of("req"), newKey, List.of("-nodes", "-subj", "/CN=" + name, "-keyout", name + ".key",
                "-out", name + ".csr")));
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "825", "-extfile", name + ".ext", "-out", name + ".crt");
    }
}
