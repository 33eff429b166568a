package io.slaflow.validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** Whether a value is one a form field could have produced: its type, its format and its length. */
final class FieldValues {

  /**
   * Camunda keeps a text variable in a column of 4,000 characters; a longer one fails the whole transaction on
   * some databases. No form field may hold more, whatever its own maximum says.
   */
  static final int MAX_TEXT = 4000;

  private FieldValues() {}

  /** What is wrong with {@code value} for {@code field} ("must be a number"), or null when nothing is. */
  static String problem(FormFields.Field field, Object value) {
    if (value == null) {
      return null;
    }
    switch (field.type()) {
      case "checkbox":
        return value instanceof Boolean || "true".equals(value) || "false".equals(value) ? null
            : "must be true or false";
      case "number":
        return value instanceof Number || value instanceof String text && isNumber(text) ? null : "must be a number";
      case "datetime":
        return value instanceof Date || value instanceof String text && isDateTime(text, field.subtype()) ? null
            : "must be a " + (field.subtype() == null ? "datetime" : field.subtype()) + " in ISO 8601";
      default:
        if (value instanceof Boolean || value instanceof Number) {
          return field.options().isEmpty() && field.optionsVariable() == null ? "must be text" : null;
        }
        if (!(value instanceof String text)) {
          return "must be text";
        }
        int max = field.maxLength() == null ? MAX_TEXT : Math.min(field.maxLength(), MAX_TEXT);
        return text.length() > max ? "must be at most " + max + " characters (" + text.length() + " given)" : null;
    }
  }

  private static boolean isNumber(String text) {
    try {
      new BigDecimal(text.trim());
      return true;
    } catch (NumberFormatException notNumber) {
      return false;
    }
  }

  private static boolean isDateTime(String text, String subtype) {
    try {
      if ("date".equals(subtype)) {
        LocalDate.parse(text);
      } else if ("time".equals(subtype)) {
        LocalTime.parse(text.length() > 8 ? text.substring(0, 8) : text);
      } else {
        try {
          OffsetDateTime.parse(text);
        } catch (DateTimeParseException local) {
          LocalDateTime.parse(text);
        }
      }
      return true;
    } catch (DateTimeParseException notDate) {
      return false;
    }
  }
}
