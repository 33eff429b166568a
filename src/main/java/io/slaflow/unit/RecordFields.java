package io.slaflow.unit;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The checks of the fields every unit's request has, by one name each: the record's country (which routes it) and
 * its product. A bad value is a 400 naming the field with the message below, whatever the unit.
 */
public final class RecordFields {

  private RecordFields() {}

  /** Required: an ISO 3166 alpha-2 code in capitals, as the assignment table reads it. */
  @NotBlank
  @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code such as DE or US")
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = {})
  public @interface Country {
    String message() default "must be an ISO 3166 alpha-2 country code such as DE or US";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Optional: a product code as the assignment table names products. */
  @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a product code such as crm-suite")
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = {})
  public @interface Product {
    String message() default "must be a product code such as crm-suite";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }
}
