package io.slaflow.sla;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable by its name and its Java type, read and written the same way wherever the code uses it (in the
 * spirit of holunda's camunda-bpm-data, without the Kotlin runtime that library brings). Each unit names its
 * variables in one class ({@code LeadVariables}, {@code PipelineVariables}, ...); a value of another type than
 * declared is a fault, reported with the variable's name.
 *
 * @param <T> the type Java works with; it may differ from what the engine keeps (an instant is kept as the Date that
 *     timers and due dates read, an amount as the number a form's number field writes)
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<?> stored;
  private final Function<Object, T> read;
  private final Function<T, Object> write;

  private ProcessVariable(String name, Class<?> stored, Function<Object, T> read, Function<T, Object> write) {
    this.name = name;
    this.stored = stored;
    this.read = read;
    this.write = write;
  }

  public static ProcessVariable<String> text(String name) {
    return same(name, String.class);
  }

  public static ProcessVariable<Boolean> flag(String name) {
    return same(name, Boolean.class);
  }

  /** Kept as a Date, the type the engine's timers and due dates read. */
  public static ProcessVariable<Instant> instant(String name) {
    return new ProcessVariable<>(name, Date.class, value -> ((Date) value).toInstant(), Date::from);
  }

  /**
   * An amount of money or another decimal: kept as the number a Camunda Form's number field writes (a Double, or a
   * Long for a whole number), read as the BigDecimal of that number's decimal text, so 48000.1 stays 48000.1.
   */
  public static ProcessVariable<BigDecimal> decimal(String name) {
    return new ProcessVariable<>(name, Number.class, value -> new BigDecimal(value.toString()),
        BigDecimal::doubleValue);
  }

  /**
   * A variable whose value comes in more than one form: a form's date field is ISO text, the same field sent through
   * the REST API a Date; a Spin JSON value. The reader decides.
   */
  public static ProcessVariable<Object> any(String name) {
    return same(name, Object.class);
  }

  private static <T> ProcessVariable<T> same(String name, Class<T> type) {
    return new ProcessVariable<>(name, type, type::cast, value -> value);
  }

  public String name() {
    return name;
  }

  /** The value, or null when the variable is not set (or set to null). */
  public T from(VariableScope scope) {
    return read(scope::getVariable);
  }

  /** The value in a map of variables as the engine hands them out, or null. */
  public T from(Map<String, ?> variables) {
    return read(variables::get);
  }

  /** The value from whatever reads variables by name, e.g. {@code name -> runtimeService.getVariable(id, name)}. */
  public T read(Function<String, ?> variables) {
    Object value = variables.apply(name);
    if (value == null) {
      return null;
    }
    if (!stored.isInstance(value)) {
      throw new IllegalStateException("The process variable '" + name + "' holds a "
          + value.getClass().getSimpleName() + ", not a " + stored.getSimpleName());
    }
    return read.apply(value);
  }

  public void set(VariableScope scope, T value) {
    write(scope::setVariable, value);
  }

  /** Puts the value into variables that start a process or complete a task. */
  public void put(Map<String, Object> variables, T value) {
    write(variables::put, value);
  }

  /** Hands the value to whatever writes variables by name, e.g. {@code runtimeService.setVariable(id, …)}. */
  public void write(BiConsumer<String, Object> variables, T value) {
    variables.accept(name, value == null ? null : write.apply(value));
  }

  public void remove(VariableScope scope) {
    scope.removeVariable(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
