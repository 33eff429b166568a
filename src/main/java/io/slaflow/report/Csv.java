package io.slaflow.report;

import java.util.List;
import java.util.Locale;

/**
 * Reports as CSV (RFC 4180): a header line, CRLF line ends, fields quoted when they hold a comma, quote or newline.
 * Text that a spreadsheet would run as a formula is defused (OWASP, "CSV Injection"); figures are written from numbers
 * and never pass through {@link #field(String)}, so a negative figure stays a number.
 */
final class Csv {

  /** The first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private Csv() {}

  static String adherence(List<AdherenceReport.Row> rows) {
    StringBuilder csv = new StringBuilder("group,visits,met,breached,openAtRisk,violationRate\r\n");
    for (AdherenceReport.Row row : rows) {
      csv.append(field(row.group())).append(',').append(row.visits()).append(',').append(row.met()).append(',')
          .append(row.breached()).append(',').append(row.openAtRisk()).append(',')
          .append(number(row.violationRate()))
          .append("\r\n");
    }
    return csv.toString();
  }

  static String firstResponse(List<FirstResponseReport.Row> rows) {
    StringBuilder csv = new StringBuilder(
        "group,leads,contacted,within2h,shareWithin2h,averageMinutes,medianMinutes\r\n");
    for (FirstResponseReport.Row row : rows) {
      csv.append(field(row.group())).append(',').append(row.leads()).append(',').append(row.contacted()).append(',')
          .append(row.within2h()).append(',').append(number(row.shareWithin2h())).append(',')
          .append(number(row.averageMinutes())).append(',').append(number(row.medianMinutes())).append("\r\n");
    }
    return csv.toString();
  }

  static String breaches(List<BreachList.Row> rows) {
    StringBuilder csv = new StringBuilder("unit,stage,recordId,owner,team,dueAt,breachedAt,pausedSeconds,"
        + "reassignments,escalationLevel,cockpitLink\r\n");
    for (BreachList.Row row : rows) {
      csv.append(String.join(",", field(row.unit()), field(row.stage()), field(row.recordId()), field(row.ownerId()),
          field(row.teamId()), row.dueAt().toString(), row.breachedAt().toString(), String.valueOf(row.pausedSeconds()),
          String.valueOf(row.reassignments()), String.valueOf(row.escalationLevel()), field(row.cockpitLink())))
          .append("\r\n");
    }
    return csv.toString();
  }

  static String atRisk(List<AtRiskList.Row> rows) {
    StringBuilder csv = new StringBuilder("standing,record,unit,stage,owner,ownerName,team,dueAt,cockpitLink\r\n");
    for (AtRiskList.Row row : rows) {
      csv.append(String.join(",", field(row.standing()), field(row.record()), field(row.unit()), field(row.stage()),
          field(row.ownerId()), field(row.ownerName()), field(row.teamId()), row.dueAt().toString(),
          field(row.cockpitLink()))).append("\r\n");
    }
    return csv.toString();
  }

  static String waterfall(List<WaterfallReport.Row> rows) {
    StringBuilder csv = new StringBuilder("unit,stage,entered,convertedOn,conversionRatio,medianHours,p90Hours\r\n");
    for (WaterfallReport.Row row : rows) {
      csv.append(String.join(",", field(row.unit()), field(row.stage()), String.valueOf(row.entered()),
          String.valueOf(row.convertedOn()), number(row.conversionRatio()), number(row.medianHours()),
          number(row.p90Hours()))).append("\r\n");
    }
    return csv.toString();
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
  }

  /**
   * A text cell. One that starts like a formula gets a leading single quote inside its quotes: the spreadsheet shows
   * the text (an owner id "=HYPERLINK(...)" reads "'=HYPERLINK(...)" in the file) instead of running it. A text
   * column's "-1" gets the quote too: "-1+A2" would be a formula, and a text column holds no figures to keep.
   */
  static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean formula = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
    if (formula || value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return '"' + (formula ? "'" : "") + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
