package io.slaflow.unit;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts of money: a BigDecimal and its ISO 4217 currency, side by side in a record, the API and the process
 * variables ({@code amount}, {@code currency}). An amount sent without a currency is in the organisation's currency
 * ({@code slaflow.currency}).
 */
public final class Money {

  private Money() {}

  /** The currency an amount is in: the one sent, else the organisation's; none without an amount. */
  public static String currencyOf(BigDecimal amount, String sent, String organisations) {
    return amount == null ? null : sent != null ? sent : organisations;
  }

  /** As titles show it: "EUR 48,000", "USD 1,250.5"; an amount on record without a currency as "48,000". */
  public static String inWords(BigDecimal amount, String currency) {
    String number = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    return currency == null ? number : currency + " " + number;
  }

  /** An ISO 4217 currency code the JVM knows, such as EUR or USD; null is left to other constraints. */
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = CodeCheck.class)
  public @interface Code {
    String message() default "must be an ISO 4217 currency code such as EUR or USD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  public static final class CodeCheck implements ConstraintValidator<Code, String> {
    @Override
    public boolean isValid(String code, ConstraintValidatorContext context) {
      return code == null || Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }
  }
}
