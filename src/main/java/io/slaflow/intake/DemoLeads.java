package io.slaflow.intake;

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

/** Creates the demo leads through the intake, after the demo organisation exists; their external ids make it once. */
@Component
public class DemoLeads {

  private static final Logger log = LoggerFactory.getLogger(DemoLeads.class);
  private static final Creator DEMO = Creator.process("demo");

  private final LeadIntake intake;
  private final boolean enabled;
  private final Resource file;

  public DemoLeads(
      LeadIntake intake,
      @Value("${slaflow.demo.enabled:false}") boolean enabled,
      @Value("${slaflow.demo.leads:classpath:demo/leads.yaml}") Resource file) {
    this.intake = intake;
    this.enabled = enabled;
    this.file = file;
  }

  /** The YAML file's shape. */
  record LeadsFile(List<LeadRequest> leads) {}

  @Order(3)
  @EventListener(ApplicationReadyEvent.class)
  public void createOnFirstStart() throws IOException {
    if (!enabled) {
      return;
    }
    for (LeadRequest lead : YamlFiles.read(file, LeadsFile.class).leads()) {
      if (intake.repeatOf(DEMO, lead.externalId()).isEmpty()) {
        LeadIntake.Created created = intake.create(lead, DEMO);
        log.info("Demo lead {} routed to {} ({})", lead.name(), created.owner(), created.teamId());
      }
    }
  }
}
