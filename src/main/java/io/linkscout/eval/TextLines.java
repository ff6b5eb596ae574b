package io.linkscout.eval;

import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a UTF-8 text file line by line (lines end at LF, CR or CRLF, as Python's universal newlines). */
final class TextLines {

    interface LineHandler {
        void line(int lineNo, String line);
    }

    private TextLines() {
    }

    static void read(Path file, String what, LineHandler handler) {
        if (!Files.isRegularFile(file)) {
            throw new UserException(what + " file not found: " + file + " (check the path)");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                handler.line(lineNo, line);
            }
        } catch (CharacterCodingException e) {
            throw new UserException(file + ":" + (lineNo + 1) + ": not valid UTF-8 (save the " + what
                    + " file as UTF-8)");
        } catch (NoSuchFileException e) {
            throw new UserException(what + " file not found: " + file + " (check the path)");
        } catch (IOException e) {
            throw new UserException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }
}
