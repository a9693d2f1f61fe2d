package io.respawn.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Respawn.class.getPackage().getImplementationVersion();
        return new String[] {"respawn " + (version == null ? "development" : version)};
    }
}
