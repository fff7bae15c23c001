package dev.agentdbg.bench;

/** A mistake on the command line or a missing prerequisite: printed as one message, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
