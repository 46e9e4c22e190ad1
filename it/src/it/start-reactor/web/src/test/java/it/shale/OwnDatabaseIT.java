package it.shale;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OwnDatabaseIT {

    @Test
    void onlyThisModulesTableIsThere() throws Exception {
        String mine = System.getProperty("expectTable");
        String other = System.getProperty("otherTable");
        try (Connection c = DriverManager.getConnection(System.getProperty("db.jdbcUrl")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('public." + mine + "') is not null,"
                     + " to_regclass('public." + other + "') is not null, current_database(), inet_server_port()")) {
            rs.next();
            assertEquals("true false", rs.getBoolean(1) + " " + rs.getBoolean(2));
            System.out.println("IT of " + mine + " used database " + rs.getString(3) + " on port " + rs.getInt(4));
        }
    }
}
