package io.linkscout.outreach;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Test helpers on the real PostgreSQL of the test profile: empty the outreach tables, run SQL. */
public final class OutreachDb {

    private OutreachDb() {
    }

    /** Empties every outreach table (identities restart), so that tests do not depend on order. */
    public static void clean(AgroalDataSource ds) {
        sql(ds, "truncate table prospect_status_change, prospect, exclusion, campaign restart identity cascade");
    }

    static void sql(AgroalDataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
