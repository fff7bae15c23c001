package dev.agentdbg.analyzer.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version the build stamped into the jar manifest ({@code Implementation-Version}). */
public final class ManifestVersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ManifestVersionProvider.class.getPackage().getImplementationVersion();
        // Running from classes (IDE, tests) there is no manifest, so say so instead of printing "null".
        return new String[] {"agentdbg-analyzer " + (version == null ? "(development build)" : version),
                "trace format schema 1"};
    }
}
