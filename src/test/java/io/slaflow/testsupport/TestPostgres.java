package io.slaflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL the tests use: 127.0.0.1:5432, user postgres with trust authentication. */
public final class TestPostgres {

  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  /** {@code -Dslaflow.test.pg-prefix} keeps two test runs on one machine out of each other's databases. */
  public static final String PREFIX = System.getProperty("slaflow.test.pg-prefix", "slaflow");

  private TestPostgres() {}

  /** An empty database of this name, dropped first if an earlier run left it; returns its JDBC URL. */
  public static String fresh(String database) throws SQLException {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + database);
    }
    return SERVER + database;
  }
}
