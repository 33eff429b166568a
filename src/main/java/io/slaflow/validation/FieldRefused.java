package io.slaflow.validation;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A person tried to write a task variable the task's form does not offer them, or a value the form would not
 * produce. Answered 400 by the engine REST API and Tasklist, like missing data, naming the variable.
 */
public class FieldRefused extends FormFieldValidationException {

  public FieldRefused(String field, String message) {
    super(field, message);
  }

  static FieldRefused undeclared(String stage, String field) {
    return new FieldRefused(field, "'" + field + "' is not a field of the form of '" + stage
        + "': a task takes only the fields its form shows");
  }
}
