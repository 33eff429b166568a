package io.slaflow.contract;

import io.slaflow.unit.Unit;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Onboarding and renewal as the kit knows them: billing or a won deal sends contracts; the team works them. */
@Configuration
class ContractUnit {

  static final Unit UNIT = new Unit(
      List.of(ContractVariables.ONBOARDING_PROCESS_KEY, ContractVariables.RENEWAL_PROCESS_KEY), ContractIntake.TABLE,
      List.of("/api/contracts"), List.of("/api/contracts/.+"));

  @Bean
  Unit onboardingAndRenewal() {
    return UNIT;
  }
}
