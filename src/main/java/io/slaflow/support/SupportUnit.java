package io.slaflow.support;

import io.slaflow.unit.Unit;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The customer-support unit as the kit knows it: the support desk sends tickets; the team works them. */
@Configuration
class SupportUnit {

  static final Unit UNIT = new Unit(List.of(SupportVariables.PROCESS_KEY), Tickets.TABLE, List.of("/api/tickets"),
      List.of("/api/tickets/.+"));

  @Bean
  Unit customerSupport() {
    return UNIT;
  }
}
