package io.respawn.wire.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files TLS is set up from, refusing a file that will not do with a message
 * that names it and says what is wrong ({@code engine.key - the key is encrypted ...}), so
 * a mistake stops the command at start-up instead of failing every handshake later.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    /** Key algorithms a PKCS#8 key is tried as, in turn: the header does not say which it is. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");

    private PemFiles() {
    }

    /** The certificates in {@code file}, in order: a chain (leaf first) or a bundle of CAs. */
    static List<X509Certificate> certificates(Path file) {
        String text = read(file);
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            if (!block.group(1).equals("CERTIFICATE")) {
                continue;
            }
            byte[] der = decode(file, block.group(2));
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(file + " - certificate " + (certificates.size() + 1)
                        + " is not a valid X.509 certificate: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " - holds no PEM certificate (a block that begins"
                    + " -----BEGIN CERTIFICATE-----)" + (text.contains("PRIVATE KEY") ? "; it holds a key" : ""));
        }
        return certificates;
    }

    /** The unencrypted PKCS#8 private key in {@code file}, as {@code openssl req -nodes} writes it. */
    static PrivateKey privateKey(Path file) {
        String text = read(file);
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String label = block.group(1);
            if (label.equals("PRIVATE KEY")) {
                return pkcs8(file, decode(file, block.group(2)));
            }
            if (label.equals("ENCRYPTED PRIVATE KEY") || block.group(2).contains("ENCRYPTED")) {
                throw new IllegalArgumentException(file + " - the key is encrypted; respawn reads an unencrypted key"
                        + " (openssl pkcs8 -topk8 -nocrypt -in " + file + " -out plain.key)");
            }
            if (label.endsWith("PRIVATE KEY")) {
                throw new IllegalArgumentException(file + " - the key is in the older \"" + label + "\" form;"
                        + " respawn reads PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in " + file + " -out pkcs8.key)");
            }
        }
        throw new IllegalArgumentException(file + " - holds no PEM private key (a block that begins"
                + " -----BEGIN PRIVATE KEY-----)" + (text.contains("CERTIFICATE") ? "; it holds a certificate" : ""));
    }

    /** Refuses a key that does not belong to the certificate: it signs, the certificate's public key verifies. */
    static void checkPair(Path keyFile, PrivateKey key, Path certFile, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // a rarer key type: the TLS handshake is left to find a mismatch
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "respawn key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // e.g. an EC key against an RSA certificate
        }
        if (!matches) {
            throw new IllegalArgumentException(keyFile + " - the key does not belong to the certificate in " + certFile
                    + " (" + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks the " + algorithm + " key factory", e);
            }
        }
        throw new IllegalArgumentException(file + " - not a private key this JDK can read (tried "
                + String.join(", ", KEY_ALGORITHMS) + ")");
    }

    private static byte[] decode(Path file, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " - a PEM block is not valid base64: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            // ISO-8859-1 reads any bytes: a DER file given by mistake is "no PEM block", not a charset error
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " - no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + " - cannot read it: permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " - cannot read it: " + e.getMessage(), e);
        }
    }
}
