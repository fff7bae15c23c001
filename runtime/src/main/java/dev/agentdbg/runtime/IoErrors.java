package dev.agentdbg.runtime;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why a file operation failed, in words: the JDK's messages for these exceptions are often just the path. */
public final class IoErrors {
    private IoErrors() {
    }

    /** "permission denied", "not found", the file system's reason ("No space left on device"), else type and message. */
    public static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "not found";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null ? type : type + " (" + message + ")";
    }
}
