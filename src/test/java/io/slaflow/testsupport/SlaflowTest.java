package io.slaflow.testsupport;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.slaflow.intake.LeadIntake;
import io.slaflow.intake.LeadRequest;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.support.TicketIntake;
import io.slaflow.support.TicketRequest;
import io.slaflow.unit.Creator;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application with the demo organisation, on an in-memory H2 database, with GreenMail as the SMTP server.
 * Tests travel in time with ClockUtil and run due jobs of their own process instance explicitly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Spring Boot turns metrics export off in tests; the application's metrics are part of what the tests check.
@AutoConfigureObservability(tracing = false)
public abstract class SlaflowTest {

  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  public static final String ADMIN_PASSWORD = "test-admin-secret";
  public static final String DEMO_PASSWORD = "test-demo-secret";

  /**
   * The SMTP port of the test mail server (and of {@code spring.mail.port} in the test profile): 3025, or
   * {@code -Dslaflow.test.smtp-port} so that two test runs on one machine do not share a mail server.
   */
  public static final ServerSetup SMTP = ServerSetupTest.SMTP.port(Integer.getInteger("slaflow.test.smtp-port", 3025));

  @RegisterExtension
  protected static final GreenMailExtension mail = new GreenMailExtension(SMTP);

  /** What the mail server received before it was stopped in this test: stopping GreenMail empties its store. */
  private static final List<MimeMessage> receivedBeforeOutage = new CopyOnWriteArrayList<>();

  @Autowired protected ProcessEngine processEngine;
  @Autowired protected RuntimeService runtimeService;
  @Autowired protected TaskService taskService;
  @Autowired protected ManagementService managementService;
  @Autowired protected LeadIntake intake;
  @Autowired protected SlaRecords slaRecords;
  @Autowired private TicketIntake ticketIntake;
  @Autowired private JdbcTemplate openWork;

  @LocalServerPort protected int port;

  static {
    // Before the application context starts: the demo organisation and its history are made on the tests' today.
    TestToday.reset();
  }

  @BeforeEach
  void bindProcessAssertions() {
    AbstractAssertions.init(processEngine);
    receivedBeforeOutage.clear();
  }

  /** The mail server goes down (connections are refused) until {@link #smtpBackUp()}; its mail stays readable. */
  protected static void smtpDown() {
    receivedBeforeOutage.addAll(List.of(mail.getReceivedMessages()));
    mail.stop();
  }

  protected static void smtpBackUp() {
    mail.start();
  }

  @AfterEach
  void resetClock() {
    TestToday.reset();
  }

  /**
   * Closes the open stage visits earlier tests left behind (their instances stay, their timers never run), so that
   * routing, which weighs each rep's open work of every unit against their capacity, starts every test from an empty
   * desk. Every unit: a renewal or expansion visit left open weighed on a rep's desk too (seed 6 routed two Berlin
   * leads in a row to the one rep without one).
   */
  protected void clearOpenWork() {
    openWork.update("UPDATE sla_record SET outcome = 'withdrawn', completed_at = started_at WHERE outcome = 'open'");
  }

  /**
   * Removes a person a test hired from the organisation altogether (after {@code DELETE /api/org/people/{id}}, which
   * keeps them for the records), so that no other test finds them among a team's reps.
   */
  protected void forgetPerson(String personId) {
    openWork.update("DELETE FROM out_of_office WHERE user_id = ?", personId);
    openWork.update("UPDATE routing_cursor SET last_owner_id = NULL WHERE last_owner_id = ?", personId);
    openWork.update("DELETE FROM org_user WHERE id = ?", personId);
  }

  /** Sets the engine clock to a wall-clock time in a zone. */
  protected static void clockAt(LocalDateTime wallClock, ZoneId zone) {
    ClockUtil.setCurrentTime(Date.from(wallClock.atZone(zone).toInstant()));
  }

  protected static void clockAt(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  protected static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** A unique lead name, so that a test finds its own emails among everybody's. */
  protected static String uniqueName(String first) {
    return first + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  protected LeadIntake.Created createLead(String name, String country, String source, String intent, String product) {
    return intake.create(
        new LeadRequest(name, "lead@" + country.toLowerCase() + ".example", null, "Acme " + country, country, source,
            product, intent, null),
        Creator.process("test"));
  }

  /**
   * An outage ticket of {@code account} from Ole Hansen (+47 22 12 34 56) in Germany, as the support desk opens it
   * (Berlin's team gets it); its title reads "Ticket {@code priority}: {@code account} (outage)".
   */
  protected TicketIntake.Created openTicket(String priority, String account) {
    return ticketIntake.create(new TicketRequest(priority, "outage", account, "Ole Hansen", "ole@nordic.example",
        "+47 22 12 34 56", "DE", "Nothing loads", null), Creator.process("test"));
  }

  /** Runs every job of the instance that is due at the current engine time, including jobs those jobs create. */
  protected void runDueJobs(String processInstanceId) {
    for (int round = 0; round < 100; round++) {
      // One at a time: a job can delete others (an interrupting timer cancels the stage's other timers).
      List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).executable().active()
          .orderByJobDuedate().asc().listPage(0, 1);
      if (due.isEmpty()) {
        return;
      }
      managementService.executeJob(due.get(0).getId());
    }
    throw new IllegalStateException("Jobs keep becoming due: a loop in the process?");
  }

  /** Moves the clock to a timer's instant and runs what is due then. */
  protected void fireTimer(String processInstanceId, String timerId) {
    clockAt(timerJob(processInstanceId, timerId).getDuedate().toInstant());
    runDueJobs(processInstanceId);
  }

  protected Job timerJob(String processInstanceId, String timerId) {
    Job timer = managementService.createJobQuery().processInstanceId(processInstanceId).activityId(timerId)
        .singleResult();
    if (timer == null) {
      throw new AssertionError("No timer " + timerId + " is waiting in process instance " + processInstanceId);
    }
    return timer;
  }

  protected Task stageTask(String processInstanceId, String taskKey) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
        .singleResult();
  }

  protected List<SlaRecord> records(String leadId) {
    return slaRecords.forRecord("lead-routing", leadId);
  }

  /**
   * An email as its reader sees it: one per Message-ID, however many recipients GreenMail delivered it to, before and
   * after an SMTP outage. The list is grouped by mailbox, not in sending order. Two sends of one alert share a
   * Message-ID and show here once: to count sends, use {@link #copies}.
   */
  public record Mail(String subject, List<String> to, List<String> cc, String body) {}

  protected static List<Mail> mailsAbout(String text) {
    Map<String, Mail> byId = new LinkedHashMap<>();
    List<MimeMessage> received = new ArrayList<>(receivedBeforeOutage);
    received.addAll(List.of(mail.getReceivedMessages()));
    for (MimeMessage message : received) {
      try {
        if (message.getSubject().contains(text)) {
          byId.putIfAbsent(message.getMessageID(), new Mail(message.getSubject(),
              addresses(message, RecipientType.TO), addresses(message, RecipientType.CC),
              ((String) message.getContent()).replace("\r\n", "\n")));
        }
      } catch (MessagingException | java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(byId.values());
  }

  /** The one email about {@code text} whose subject starts with "[Slaflow] " + {@code headline}. */
  protected static Mail theMail(String text, String headline) {
    List<Mail> matching = mailsAbout(text).stream()
        .filter(m -> m.subject().startsWith("[Slaflow] " + headline)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("Expected one '" + headline + "' email about " + text + " but got " + matching);
    }
    return matching.get(0);
  }

  /**
   * Each physical copy about {@code text} in {@code email}'s inbox, in the order it arrived there: the subject, and
   * the "Sent late" line of a late alert (which tells the warning and the final warning apart).
   */
  protected static List<String> inbox(String email, String text) {
    List<String> arrived = new ArrayList<>();
    GreenMailUser user = mail.getUserManager().getUserByEmail(email);
    if (user == null) {
      return arrived;
    }
    try {
      for (StoredMessage stored : mail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
        MimeMessage message = stored.getMimeMessage();
        if (!message.getSubject().contains(text)) {
          continue;
        }
        String body = ((String) message.getContent()).replace("\r\n", "\n");
        String late = body.lines().filter(line -> line.startsWith("Sent late: ")).findFirst()
            .map(line -> " | " + line).orElse("");
        arrived.add(message.getSubject().substring(0, message.getSubject().indexOf(" - ")) + late);
      }
    } catch (FolderException | MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return arrived;
  }

  /**
   * Every physical copy about {@code text} the mail server received, whoever it went to, before and after an SMTP
   * outage: one per recipient mailbox per delivery, so that an alert sent twice counts twice although both copies
   * carry one Message-ID. Count with this when the number of sends matters; {@link #mailsAbout} is for content.
   */
  protected static int copies(String text) {
    int copies = 0;
    List<MimeMessage> received = new ArrayList<>(receivedBeforeOutage);
    received.addAll(List.of(mail.getReceivedMessages()));
    try {
      for (MimeMessage message : received) {
        copies += message.getSubject().contains(text) ? 1 : 0;
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return copies;
  }

  private static List<String> addresses(MimeMessage message, RecipientType type) throws MessagingException {
    return message.getRecipients(type) == null ? List.of()
        : Arrays.stream(message.getRecipients(type)).map(Object::toString).toList();
  }
}
