package io.slaflow.validation;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/** A choice field holds a value that is not one of its options; answered 400 like missing data. */
public class InvalidChoice extends FormFieldValidationException {

  public InvalidChoice(String stage, String field, List<String> options) {
    super(field, "'" + field + "' of '" + stage + "' must be one of: " + String.join(", ", options));
  }
}
