package io.slaflow.expansion;

import io.slaflow.unit.Unit;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The expansion unit as the kit knows it: product analytics sends signals; the team qualifies them. */
@Configuration
class ExpansionUnit {

  static final Unit UNIT = new Unit(List.of(ExpansionVariables.PROCESS_KEY), Expansion.TABLE, List.of("/api/signals"),
      List.of("/api/signals/.+"));

  @Bean
  Unit expansionSignals() {
    return UNIT;
  }
}
