package io.slaflow.pipeline;

import io.slaflow.unit.Creator;
import io.slaflow.web.YamlFiles;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/** Creates the demo MQLs and opportunities through the intake after the demo organisation exists, once each. */
@Component
public class DemoOpportunities {

  private static final Logger log = LoggerFactory.getLogger(DemoOpportunities.class);
  private static final Creator DEMO = Creator.process("demo");

  private final PipelineIntake intake;
  private final boolean enabled;
  private final Resource file;

  public DemoOpportunities(
      PipelineIntake intake,
      @Value("${slaflow.demo.enabled:false}") boolean enabled,
      @Value("${slaflow.demo.opportunities:classpath:demo/opportunities.yaml}") Resource file) {
    this.intake = intake;
    this.enabled = enabled;
    this.file = file;
  }

  /** The YAML file's shape. */
  record OpportunitiesFile(List<OpportunityRequest> mqls, List<OpportunityRequest> opportunities) {}

  @Order(4)
  @EventListener(ApplicationReadyEvent.class)
  public void createOnFirstStart() throws IOException {
    if (!enabled) {
      return;
    }
    OpportunitiesFile demo = YamlFiles.read(file, OpportunitiesFile.class);
    demo.mqls().forEach(request -> create(Opportunity.MQL, request));
    demo.opportunities().forEach(request -> create(Opportunity.HANDOFF, request));
  }

  private void create(String kind, OpportunityRequest request) {
    if (intake.repeatOf(DEMO, request.externalId()).isEmpty()) {
      PipelineIntake.Created created = intake.create(kind, request, DEMO, null);
      log.info("Demo {} {} routed to {} ({})", kind, request.company(), created.owner(), created.teamId());
    }
  }
}
