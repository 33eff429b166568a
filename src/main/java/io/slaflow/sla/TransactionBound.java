package io.slaflow.sla;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A value kept for the rest of the current transaction and forgotten when it ends. */
final class TransactionBound {

  private TransactionBound() {}

  /**
   * The value bound to {@code key} in this transaction, made by {@code make} on first use. Outside a transaction
   * every call makes a new one.
   */
  @SuppressWarnings("unchecked")
  static <T> T value(Object key, Supplier<T> make) {
    Object bound = TransactionSynchronizationManager.getResource(key);
    if (bound != null) {
      return (T) bound;
    }
    T value = make.get();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.bindResource(key, value);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
      });
    }
    return value;
  }
}
