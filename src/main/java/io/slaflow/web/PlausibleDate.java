package io.slaflow.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

/**
 * A date of our API (renewal date, absence) lies in the years 2000 to 2999. Anything farther is a typo or an attack,
 * and beyond what the SLA maths can turn into an instant: {@code +999999999-12-31} overflows a timer's due date.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlausibleDate.Check.class)
public @interface PlausibleDate {

  LocalDate FIRST = LocalDate.of(2000, 1, 1);
  LocalDate LAST = LocalDate.of(2999, 12, 31);

  String message() default "must be a date from 2000-01-01 to 2999-12-31";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Null is left to {@code @NotNull}. */
  class Check implements ConstraintValidator<PlausibleDate, LocalDate> {
    @Override
    public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
      return date == null || !date.isBefore(FIRST) && !date.isAfter(LAST);
    }
  }
}
