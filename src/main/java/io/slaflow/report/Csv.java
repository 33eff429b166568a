package io.slaflow.report;

import java.util.List;
import java.util.Locale;

/** Reports as CSV (RFC 4180): a header line, CRLF line ends, fields quoted when they hold a comma, quote or newline. */
final class Csv {

  private Csv() {}

  static String adherence(List<AdherenceReport.Row> rows) {
    StringBuilder csv = new StringBuilder("group,visits,met,breached,openAtRisk,violationRate\r\n");
    for (AdherenceReport.Row row : rows) {
      csv.append(field(row.group())).append(',').append(row.visits()).append(',').append(row.met()).append(',')
          .append(row.breached()).append(',').append(row.openAtRisk()).append(',')
          .append(row.violationRate() == null ? "" : String.format(Locale.ROOT, "%.4f", row.violationRate()))
          .append("\r\n");
    }
    return csv.toString();
  }

  static String field(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
