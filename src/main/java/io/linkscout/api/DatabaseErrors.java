package io.linkscout.api;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Recognises "the database cannot be reached" in an exception's cause chain, whatever layer wrapped it (Hibernate,
 * Narayana, Agroal, pgjdbc): a connection refused or reset, a connection-class SQLSTATE ({@code 08xxx}), a server
 * shutting down or starting ({@code 57P01}-{@code 57P03}), too many connections ({@code 53300}), or the pool's
 * acquisition timeout. The API answers these with 503 instead of 500 ({@link ErrorMapper}).
 */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /**
     * True when PostgreSQL refused a text value it cannot store (a NUL character, SQLSTATE {@code 22021} or
     * {@code 22P05}): bad input, a 400, not a server error.
     */
    static boolean isUnstorableText(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 30; t = t.getCause(), depth++) {
            if (t instanceof SQLException s && ("22021".equals(s.getSQLState()) || "22P05".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code e} (or a cause) says the database is unreachable. */
    static boolean isUnreachable(Throwable e) {
        return reason(e) != null;
    }

    /** A short reason ("connection refused", "SQLSTATE 08006", ...), or null when the database is not the problem. */
    static String reason(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 30; t = t.getCause(), depth++) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SQLTransientConnectionException) {
                return "no connection";
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return "connection lost";
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300"))) {
                    return "SQLSTATE " + state;
                }
                String m = s.getMessage() == null ? "" : s.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("acquisition timeout")) {
                    return "no connection within the acquisition timeout";
                }
            }
        }
        return null;
    }
}
