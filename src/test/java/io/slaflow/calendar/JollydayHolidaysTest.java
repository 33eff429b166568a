package io.slaflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Holidays are found from any thread, whatever class loader the thread carries (a job executor's, say). */
class JollydayHolidaysTest {

  @Test
  void aThreadWithAForeignContextClassLoaderStillFindsTheHolidays() throws Exception {
    ExecutorService jobThread = Executors.newSingleThreadExecutor(work -> {
      Thread thread = new Thread(work, "foreign-class-loader");
      thread.setContextClassLoader(new URLClassLoader(new URL[0], null)); // sees nothing of the application
      return thread;
    });
    try {
      // New Zealand: a calendar no other test loads first, so this thread is the first to read it.
      boolean waitangiDay = CompletableFuture.supplyAsync(
          () -> JollydayHolidays.of("NZ", null).isHoliday(LocalDate.of(2026, 2, 6)), jobThread).get();
      assertThat(waitangiDay).isTrue();
    } finally {
      jobThread.shutdown();
    }
  }
}
