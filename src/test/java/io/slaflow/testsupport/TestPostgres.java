package io.slaflow.testsupport;

/** The PostgreSQL the tests use: 127.0.0.1:5432, user postgres with trust authentication. */
public final class TestPostgres {

  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  /** {@code -Dslaflow.test.pg-prefix} keeps two test runs on one machine out of each other's databases. */
  public static final String PREFIX = System.getProperty("slaflow.test.pg-prefix", "slaflow");

  private TestPostgres() {}
}
