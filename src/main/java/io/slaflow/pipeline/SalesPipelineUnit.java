package io.slaflow.pipeline;

import io.slaflow.unit.Unit;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sales-pipeline unit as the kit knows it: intake systems send MQLs and opportunities; the team works them. */
@Configuration
class SalesPipelineUnit {

  static final Unit UNIT = new Unit(List.of(PipelineVariables.PROCESS_KEY), Opportunities.TABLE,
      List.of("/api/mqls", "/api/opportunities"), List.of("/api/opportunities/.+"));

  @Bean
  Unit salesPipeline() {
    return UNIT;
  }
}
