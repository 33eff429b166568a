package io.slaflow.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The raw material of the fuzz run: hostile values for one field, and whole bodies that are not JSON at all. Bodies
 * are built by hand as ASCII with {@code \\uXXXX} escapes, so that the run can send what no JSON library would write
 * (lone surrogates, duplicate keys, trailing garbage) and add invalid UTF-8 bytes where it wants them.
 */
final class HostileInput {

  private HostileInput() {}

  /** Strings that attack the database, the expression languages, the file system, logs, mail and HTML. */
  static final List<String> STRINGS = List.of(
      "' OR 1=1 --", "'; DROP TABLE lead; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(10) --", "admin'--",
      "' UNION SELECT id, password_ FROM act_id_user --", "%' OR '%'='",
      "${execution.getProcessEngineServices()}", "#{execution.getProcessEngineServices().getRuntimeService()}",
      "${''.getClass().forName('java.lang.Runtime').getRuntime().exec('id')}", "${7*7}", "#{7*7}", "{{7*7}}",
      "${slaClock}", "#{T(java.lang.System).exit(1)}", "date and time(\"2026-01-01T00:00:00\")",
      "${execution.setVariable('owner', 'mallory')}", "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
      "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/dev/zero",
      "file:///etc/passwd", "classpath:application.yaml", "<script>alert(1)</script>", "\"><img src=x onerror=1>",
      "\u0000", "a\u0000b", "\u0007\u001b[31mred\u001b[0m", "\u202Eevil.exe", "\uFEFFbom", "\ud800", "\udfff",
      "x\ud83dy", "\ud83d\ude00\ud83d\ude00", "\u200b", "line\r\nX-Injected: 1", "Subject: spam\r\n\r\nbody",
      "%s%s%s%n", "{0}{1}", "null", "undefined", "NaN", "true", "", " ", "\t\n\r", "\\", "\"", "'",
      "ä\u0308", "Ǆ", "ﬃ", "İ", "𝕏", "名前", "مرحبا", "DE", "de", "DEU", "D", "ZZ", "XX", "US ", " US",
      "crm-suite", "CRM-SUITE", "high", "HIGH", "usage", "reassign", "REP", "MONDAY", "monday", "Europe/Berlin",
      "Europe/../../etc", "UTC+99", "GMT+25:00", "09:00", "24:00", "23:60", "9:00", "2026-11-26",
      "jane@acme.example", "jane@", "@acme.example", "jane@@acme.example", "jane@acme.example\u0000",
      "jane@localhost", "\"jane\"@acme.example", "jane+tag@acme.example", "a@b", "team-berlin", "admin",
      "camunda-admin", "slaflow-intake", "sofia.klein", "ben.keller");

  /** JSON tokens of the wrong type for almost every field. */
  static final List<String> WRONG_TYPES = List.of(
      "0", "-1", "1.5", "true", "false", "[]", "[\"a\"]", "[null]", "{}", "{\"a\":1}", "[[[]]]", "{\"$ref\":\"x\"}",
      "\"\"", "null");

  /** Numbers at and beyond the edges of int, long, double and the amount's DECIMAL(14, 2). */
  static final List<String> NUMBERS = List.of(
      "0", "-0", "-0.0", "-1", "-0.01", "0.001", "0.01", "1", "2147483647", "2147483648", "-2147483649",
      "9223372036854775807", "9223372036854775808", "999999999999.99", "1000000000000", "9999999999999999.99",
      "1e12", "1E+12", "1e308", "1e309", "-1e309", "1e-400", "1E999999999", "1e-999999999", "4.9e-324",
      "123456789012345678901234567890", "0.1234567890123456789", "00012", "+1", ".5", "5.", "0x10", "1_000",
      "Infinity", "-Infinity", "NaN", "1" + "0".repeat(1200), "0." + "0".repeat(1200) + "1");

  /** Dates in formats a caller might try, and valid-looking dates at the ends of the calendar. */
  static final List<String> DATES = List.of(
      "2026-13-01", "2026-02-30", "2026-00-10", "2027-02-29", "2028-02-29", "31.12.2026", "12/31/2026",
      "2026/12/31", "2026-1-1", "20261231", "2026-12-31T00:00:00Z", "2026-12-31T25:00", "2026-W53-1", "today",
      "tomorrow", "0000-00-00", "0000-01-01", "0001-01-01", "1970-01-01", "1900-02-29", "9999-12-31",
      "+10000-01-01", "+999999999-12-31", "-999999999-01-01", "-0001-01-01", "2026-12-31 ", " 2026-12-31",
      "2026-12-3١", "２０２６-１２-３１");

  /** Characters that have no business in a name or a reason, put into an otherwise valid value. */
  static final List<String> CONTROL = List.of(
      "\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u007f", "\u0085", "\u2028", "\u2029",
      "\u202e", "\ufeff", "\ufffe", "\uffff", "\ud800", "\udc00", "\r\n");

  /** Invalid UTF-8: a lone continuation byte, overlong encodings, an encoded surrogate, truncated sequences. */
  static final List<byte[]> BAD_UTF8 = List.of(
      new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0, (byte) 0xAF},
      new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xFF},
      new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xE2, (byte) 0x82},
      new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98});

  /** A JSON string literal, ASCII only: everything else as {@code \\uXXXX}, lone surrogates included. */
  static String quote(String value) {
    StringBuilder json = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  /** An object from field names and raw JSON values, in order; a name may appear twice. */
  static String object(List<Map.Entry<String, String>> fields) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> field : fields) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(quote(field.getKey())).append(':').append(field.getValue());
    }
    return json.append('}').toString();
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A string of the given length: repeated letters, or a mix of scripts and emoji. */
  static String longString(Random random, int length) {
    if (random.nextBoolean()) {
      return "A".repeat(length);
    }
    String[] parts = {"x", "ä", "名", "\ud83d\ude00", " ", "'", "\\"};
    StringBuilder value = new StringBuilder(length + 2);
    while (value.length() < length) {
      value.append(parts[random.nextInt(parts.length)]);
    }
    return value.toString();
  }

  /** {@code depth} nested arrays or objects, for a whole body or a single field. */
  static String deep(int depth, boolean arrays) {
    StringBuilder json = new StringBuilder(depth * 7);
    for (int i = 0; i < depth; i++) {
      json.append(arrays ? "[" : "{\"a\":");
    }
    json.append("1");
    for (int i = 0; i < depth; i++) {
      json.append(arrays ? "]" : "}");
    }
    return json.toString();
  }

  /** The body with one of the invalid UTF-8 sequences put inside its first string value. */
  static byte[] withBadUtf8(Random random, String body) {
    byte[] ascii = body.getBytes(StandardCharsets.US_ASCII);
    int at = body.indexOf(":\"");
    at = at < 0 ? ascii.length / 2 : at + 2;
    byte[] bad = pick(random, BAD_UTF8);
    byte[] result = new byte[ascii.length + bad.length];
    System.arraycopy(ascii, 0, result, 0, at);
    System.arraycopy(bad, 0, result, at, bad.length);
    System.arraycopy(ascii, at, result, at + bad.length, ascii.length - at);
    return result;
  }

  /** Random bytes, sometimes starting like JSON. */
  static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    if (length > 0 && random.nextBoolean()) {
      bytes[0] = '{';
    }
    return bytes;
  }

  /** A path segment percent-encoded as a careful client would send it. */
  static String encode(String segment) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_' || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return encoded.toString();
  }

  /**
   * Hostile ids for path segments, percent-encoded or raw where the raw form is still a valid URI (a broken escape
   * such as {@code %ZZ} is not, and is sent below the HTTP client).
   */
  static List<String> hostileIds() {
    List<String> ids = new ArrayList<>(List.of(
        "no-such-id", "00000000-0000-0000-0000-000000000000", "..", "...", "%2e%2e", "..%2F..%2Fetc%2Fpasswd",
        "%2F", "%5C", "%00", "%0d%0a", "%25", "%C0%AF", "%ED%A0%80", "%FF", "a;jsessionid=1",
        "a;b=c", "~admin", "*", "%2A", "null", "undefined", "1e999"));
    for (String hostile : List.of("' OR 1=1 --", "'; DROP TABLE lead; --", "${7*7}", "#{7*7}",
        "${execution.getProcessEngineServices()}", "../../etc/passwd", "<script>", "名前", "\u0000", "\u202e")) {
      ids.add(encode(hostile));
    }
    ids.add("x".repeat(300));
    ids.add("x".repeat(7000));
    return ids;
  }
}
