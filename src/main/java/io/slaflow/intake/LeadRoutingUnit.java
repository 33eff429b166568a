package io.slaflow.intake;

import io.slaflow.unit.Unit;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lead-routing unit as the kit knows it: intake systems send and read leads; a lead's team sends it on. */
@Configuration
class LeadRoutingUnit {

  static final Unit UNIT = new Unit(List.of(LeadVariables.PROCESS_KEY), Leads.TABLE, List.of("/api/leads(/.*)?"),
      List.of("/api/leads/[^/]+/team"));

  @Bean
  Unit leadRouting() {
    return UNIT;
  }
}
