package io.slaflow.web;

/** A contact's phone number as the intake API accepts it: digits with the usual separators, an optional leading +. */
public final class ContactPhone {

  public static final String PATTERN = "\\+?[0-9][0-9 ()./-]{3,30}[0-9]";
  public static final String MESSAGE = "must be a phone number such as +49 30 1234567";

  private ContactPhone() {}
}
