package io.slaflow.partner;

import io.slaflow.unit.Unit;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The test-only unit as the kit knows it: partner portals register deals; the channel team reviews them. */
@Configuration
class PartnerRegistrationUnit {

  static final Unit UNIT = new Unit(List.of(PartnerDealVariables.PROCESS_KEY), PartnerDeals.TABLE,
      List.of("/api/partner-deals"), List.of("/api/partner-deals/.+"));

  @Bean
  Unit partnerRegistration() {
    return UNIT;
  }
}
