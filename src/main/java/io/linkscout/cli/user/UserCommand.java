package io.linkscout.cli.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.error.UserException;
import io.linkscout.security.UserService;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code user ...}: users and personal API tokens (README "Users, logins and tokens"). Passwords are read from the
 * terminal (asked twice), from standard input (first line) or from {@code --password-file}; never from the command
 * line. Needs the database (the embedded one by default).
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Users, roles (viewer, editor, admin) and personal API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class,
                UserCommand.SetRole.class, UserCommand.Password.class, UserCommand.Token.class})
public class UserCommand {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The password from a file (first line), the terminal (asked twice) or standard input (first line). */
    static String readPassword(Path file) throws IOException {
        if (file != null) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.getFirst().isEmpty()) {
                throw new UserException("--password-file " + file + " is empty: put the password on its first line");
            }
            return lines.getFirst();
        }
        Console console = System.console();
        if (isTerminal(console)) {
            char[] a = console.readPassword("Password: ");
            char[] b = console.readPassword("Again: ");
            if (a == null || b == null || !Arrays.equals(a, b)) {
                throw new UserException("the two passwords differ: run the command again");
            }
            return new String(a);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new UserException("no password: type it when asked, pipe it on standard input (first line), or"
                    + " give --password-file FILE");
        }
        return line;
    }

    /** Java 22+ returns a Console even when input is piped; its isTerminal() tells (on 21 a console is one). */
    private static boolean isTerminal(Console c) {
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static void print(Object o) throws IOException {
        System.out.println(JSON.writeValueAsString(o));
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user (the first one: --role admin).")
    static class Add implements Callable<Integer> {
        @Inject
        UserService users;

        @Option(names = "--name", required = true, description = "Login name")
        String name;

        @Option(names = "--role", required = true, description = "viewer, editor or admin")
        String role;

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from this file's"
                + " first line (else from the terminal or standard input)")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            UserService.UserView u = users.add(name, role, readPassword(passwordFile));
            System.out.println("added user " + u.name() + " (" + u.role() + ")");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static class ListUsers implements Callable<Integer> {
        @Inject
        UserService users;

        @Option(names = "--format", defaultValue = "table", description = "table or json")
        String format;

        @Override
        public Integer call() throws IOException {
            List<UserService.UserView> all = users.list();
            if ("json".equalsIgnoreCase(format)) {
                print(all);
                return 0;
            }
            System.out.printf("%-24s %-7s %-7s %s%n", "NAME", "ROLE", "TOKENS", "CREATED");
            for (UserService.UserView u : all) {
                System.out.printf("%-24s %-7s %-7d %s%n", u.name(), u.role(), u.activeTokens(), u.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and their tokens.")
    static class Remove implements Callable<Integer> {
        @Inject
        UserService users;

        @Option(names = "--name", required = true)
        String name;

        @Override
        public Integer call() {
            users.remove(name);
            System.out.println("removed user " + name);
            return 0;
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Change a user's role.")
    static class SetRole implements Callable<Integer> {
        @Inject
        UserService users;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--role", required = true, description = "viewer, editor or admin")
        String role;

        @Override
        public Integer call() {
            UserService.UserView u = users.setRole(name, role);
            System.out.println(u.name() + " is now " + u.role());
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Set a user's password.")
    static class Password implements Callable<Integer> {
        @Inject
        UserService users;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--password-file", paramLabel = "FILE")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            users.setPassword(name, readPassword(passwordFile));
            System.out.println("password of " + name + " changed");
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Personal API tokens.",
            subcommands = {TokenCreate.class, TokenList.class, TokenRevoke.class})
    static class Token {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token for a user and print it (shown this once; only its hash is stored).")
    static class TokenCreate implements Callable<Integer> {
        @Inject
        UserService users;

        @Option(names = "--name", required = true, description = "The user")
        String name;

        @Option(names = "--label", required = true, description = "What it is for (e.g. ci)")
        String label;

        @Override
        public Integer call() {
            UserService.CreatedToken t = users.createToken(name, label);
            System.err.println("token " + t.id() + " \"" + t.label() + "\" for " + t.user()
                    + " (shown once: store it now; send it as Authorization: Bearer TOKEN):");
            System.out.println(t.token());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their value).")
    static class TokenList implements Callable<Integer> {
        @Inject
        UserService users;

        @Option(names = "--name", description = "Only this user's")
        String name;

        @Override
        public Integer call() {
            System.out.printf("%-6s %-20s %-20s %-28s %s%n", "ID", "USER", "LABEL", "LAST USED", "REVOKED");
            for (UserService.TokenView t : users.tokens(name)) {
                System.out.printf("%-6d %-20s %-20s %-28s %s%n", t.id(), t.user(), t.label(),
                        t.lastUsedAt() == null ? "-" : t.lastUsedAt(), t.revokedAt() == null ? "-" : t.revokedAt());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: --id ID, or --name NAME --label L (all of that user's active ones with it).")
    static class TokenRevoke implements Callable<Integer> {
        @Inject
        UserService users;

        @Option(names = "--id")
        Long id;

        @Option(names = "--name")
        String name;

        @Option(names = "--label")
        String label;

        @Override
        public Integer call() {
            if (id != null) {
                UserService.TokenView t = users.revoke(id, name);
                System.out.println("revoked token " + t.id() + " \"" + t.label() + "\" of " + t.user());
            } else if (name != null && label != null) {
                for (UserService.TokenView t : users.revoke(name, label)) {
                    System.out.println("revoked token " + t.id() + " \"" + t.label() + "\" of " + t.user());
                }
            } else {
                throw new UserException("say which token: --id ID, or --name NAME --label LABEL");
            }
            return 0;
        }
    }
}
