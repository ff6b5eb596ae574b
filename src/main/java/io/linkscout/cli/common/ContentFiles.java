package io.linkscout.cli.common;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the user's content file ({@code -} = standard input) as UTF-8. */
public final class ContentFiles {

    private ContentFiles() {
    }

    public static String read(Path p) {
        try {
            if (p.toString().equals("-")) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException("content file not found: " + p + " (check the path)");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserException("content file " + p + " is not UTF-8 text (convert it, e.g. with iconv)");
        } catch (IOException e) {
            throw new UserException("cannot read content file " + p + ": " + e.getMessage());
        }
    }
}
