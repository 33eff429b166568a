package io.slaflow.validation;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A stage cannot be completed without its required data. Extends Camunda's form validation exception so that the
 * engine REST API and Tasklist answer 400 with this message instead of a server error.
 */
public class RequiredDataMissing extends FormFieldValidationException {

  private final List<String> missingFields;

  public RequiredDataMissing(String stage, List<String> missingFields) {
    super(missingFields, "Required data missing for '" + stage + "': " + String.join(", ", missingFields));
    this.missingFields = List.copyOf(missingFields);
  }

  public List<String> missingFields() {
    return missingFields;
  }
}
