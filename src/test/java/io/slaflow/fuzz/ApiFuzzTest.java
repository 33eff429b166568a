package io.slaflow.fuzz;

import static io.slaflow.fuzz.HostileInput.pick;
import static io.slaflow.fuzz.HostileInput.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.slaflow.org.Organisation;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.unit.Unit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Bad input at the edges: thousands of malformed and hostile requests, from a seeded random generator, to every
 * endpoint of our own API ({@code /api/...}). Every answer must be 2xx or 4xx, every 4xx a problem document, and
 * afterwards every record the run created must be whole (its process instance, its first SLA record) and match a 2xx
 * answer; nothing half-made may stay behind.
 *
 * <p>The run has its own application context and in-memory database, in a JVM of its own (pom.xml), so that its
 * thousands of records do not land in the routing, reports and counts of the other tests. {@code -Dslaflow.fuzz.seed}
 * replays another seed.
 */
@TestPropertySource(properties = {
    "spring.datasource.url=jdbc:h2:mem:fuzz;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    // Camunda keeps engines in a static registry by name; the other tests' "default" engine stays theirs.
    "camunda.bpm.process-engine-name=fuzz",
    // The run is about /api: Camunda's webapps and engine REST API are left out.
    "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
        + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
    // Thousands of expected refusals: unsupported methods, "../" in paths, request lines Tomcat cannot parse.
    "logging.level.org.springframework.web.servlet.PageNotFound=error",
    "logging.level.org.springframework.web.servlet.resource=error",
    "logging.level.org.apache.coyote.http11=warn"})
class ApiFuzzTest extends SlaflowTest {

  private static final long SEED = Long.getLong("slaflow.fuzz.seed", 20261126L);
  private static final int REQUESTS = 5300;
  private static final int THREADS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Parses as strictly as the API should: the test's own notion of "a well-formed JSON object". */
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired List<Unit> units;

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, String> known = new HashMap<>();

  /** Who sends a request. */
  enum Who { ADMIN, REP, ANONYMOUS, BAD_CREDENTIALS }

  /** A record the API creates, and where its id is in the answer. */
  record Creates(String table, String idField, String unit) {}

  /**
   * A JSON endpoint: the path may name a record ({@code {lead}}, {@code {ticket}}...), which the run fills with a
   * record it created first, or with a hostile id.
   */
  record Endpoint(String method, String path, IntFunction<List<Map.Entry<String, String>>> example,
      Creates creates) {}

  /** One request of the run, with the category that explains why it is bad. */
  record Probe(String category, String method, String path, List<Map.Entry<String, String>> headers, byte[] body,
      boolean chunked, Who who, Endpoint endpoint) {}

  record Answer(Probe probe, int status, String contentType, byte[] body, Exception failure) {}

  private static Map.Entry<String, String> field(String name, String rawJson) {
    return new SimpleEntry<>(name, rawJson);
  }

  private static Map.Entry<String, String> text(String name, String value) {
    return field(name, quote(value));
  }

  private static final Creates LEAD = new Creates("lead", "leadId", "lead-routing");
  private static final Creates OPPORTUNITY = new Creates("opportunity", "opportunityId", "sales-pipeline");
  private static final Creates TICKET = new Creates("ticket", "ticketId", "customer-support");
  private static final Creates CONTRACT = new Creates("contract", "contractId", "onboarding");
  private static final Creates SIGNAL = new Creates("expansion_signal", "signalId", "expansion");

  static final Endpoint LEADS = new Endpoint("POST", "/api/leads", n -> List.of(text("name", "Jane Doe"),
      text("email", "jane@acme.example"), text("company", "Acme GmbH"), text("country", "DE"),
      text("source", "demo-request"), text("product", "crm-suite"), text("intent", "high"),
      text("externalId", "fuzz-lead-" + n)), LEAD);
  static final Endpoint MQLS = new Endpoint("POST", "/api/mqls", n -> opportunity("fuzz-mql-" + n), OPPORTUNITY);
  static final Endpoint OPPORTUNITIES = new Endpoint("POST", "/api/opportunities",
      n -> opportunity("fuzz-opportunity-" + n), OPPORTUNITY);
  static final Endpoint ACTIVITIES = new Endpoint("POST", "/api/opportunities/{opportunity}/activities",
      n -> List.of(text("kind", "call"), text("note", "Called, left a message")), null);
  static final Endpoint TICKETS = new Endpoint("POST", "/api/tickets", n -> List.of(text("priority", "high"),
      text("category", "outage"), text("account", "Nordic Freight AS"), text("contactName", "Ole Hansen"),
      text("contactEmail", "ole@nordic.example"), text("country", "DE"),
      text("description", "Nothing loads since 9:00"), text("externalId", "fuzz-ticket-" + n)), TICKET);
  static final Endpoint WAITING = new Endpoint("POST", "/api/tickets/{ticket}/waiting-on-customer",
      n -> List.of(text("reason", "Asked for the log files")), null);
  static final Endpoint REOPEN = new Endpoint("POST", "/api/tickets/{ticket}/reopen",
      n -> List.of(text("reason", "Still broken")), null);
  static final Endpoint PRIORITY = new Endpoint("PUT", "/api/tickets/{ticket}/priority",
      n -> List.of(text("priority", "critical")), null);
  static final Endpoint CONTRACTS = new Endpoint("POST", "/api/contracts", n -> List.of(text("account", "Berg AG"),
      text("contactName", "Lena Berg"), text("contactEmail", "lena@berg.example"), text("country", "DE"),
      text("product", "crm-suite"), field("amount", "24000"), text("renewsOn", "2027-12-01"),
      text("externalId", "fuzz-contract-" + n)), CONTRACT);
  static final Endpoint RENEWAL_DATE = new Endpoint("PUT", "/api/contracts/{contract}/renewal-date",
      n -> List.of(text("renewsOn", LocalDate.of(2028, 1, 3).plusDays(n % 300).toString())), null);
  static final Endpoint RISK = new Endpoint("POST", "/api/contracts/{contract}/risk",
      n -> List.of(text("reason", "Champion left")), null);
  static final Endpoint SIGNALS = new Endpoint("POST", "/api/signals", n -> List.of(text("account", "Berg AG"),
      text("contactName", "Lena Berg"), text("contactEmail", "lena@berg.example"), text("country", "DE"),
      text("product", "crm-suite"), text("kind", "usage"), text("strength", "high"), text("note", "Seats at 95%"),
      text("externalId", "fuzz-signal-" + n)), SIGNAL);
  static final Endpoint TEAM = new Endpoint("PUT", "/api/org/teams/{newTeam}", n -> List.of(text("name", "Fuzz Team"),
      text("timeZone", "Europe/Berlin"), text("opens", "09:00"), text("closes", "18:00"),
      field("workingDays", "[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]"),
      text("holidayCountry", "DE"), text("holidayRegion", "be"), field("managerId", "null")), null);
  static final Endpoint PERSON = new Endpoint("PUT", "/api/org/people/{newPerson}", n -> List.of(
      text("firstName", "Fred"), text("lastName", "Fuzz"), text("email", "fred.fuzz@slaflow.example"),
      text("role", "REP"), text("teamId", "fuzz-team"), field("territories", "[\"DE\"]"),
      field("products", "[\"crm-suite\"]"), field("capacity", "12"), field("reportsTo", "null")), null);
  static final Endpoint ABSENCE = new Endpoint("POST", "/api/org/people/{person}/out-of-office", n -> List.of(
      text("from", LocalDate.of(2027, 1, 1).plusDays(n).toString()),
      text("to", LocalDate.of(2027, 1, 4).plusDays(n).toString()), text("handover", n % 2 == 0 ? "keep"
          : "reassign")), null);

  /** Every endpoint of our API that reads a JSON body. */
  static final List<Endpoint> JSON_ENDPOINTS = List.of(LEADS, MQLS, OPPORTUNITIES, ACTIVITIES, TICKETS, WAITING,
      REOPEN, PRIORITY, CONTRACTS, RENEWAL_DATE, RISK, SIGNALS, TEAM, PERSON, ABSENCE);

  private static List<Map.Entry<String, String>> opportunity(String externalId) {
    return List.of(text("contactName", "Jane Doe"), text("contactEmail", "jane@acme.example"),
        text("company", "Acme GmbH"), text("country", "DE"), text("source", "content-download"),
        text("product", "crm-suite"), field("amount", "48000"), text("externalId", externalId));
  }

  /** Endpoints without a JSON body, and reads. */
  static final List<String[]> OTHER_ENDPOINTS = List.of(
      new String[] {"POST", "/api/tickets/{ticket}/confirm"},
      new String[] {"POST", "/api/tickets/{ticket}/customer-replied"},
      new String[] {"GET", "/api/leads/{lead}"}, new String[] {"GET", "/api/opportunities/{opportunity}"},
      new String[] {"GET", "/api/tickets/{ticket}"}, new String[] {"GET", "/api/org/teams"},
      new String[] {"DELETE", "/api/org/people/{ghost}"});

  static final List<String> REPORTS = List.of("/api/reports/adherence", "/api/reports/first-response",
      "/api/reports/breaches", "/api/reports/waterfall");

  @Test
  void everyHostileRequestGetsA2xxOr4xxProblemAndLeavesNoHalfMadeRecord() throws Exception {
    createKnownRecords();
    Map<String, Set<String>> before = rowIds();
    Random random = new Random(SEED);
    List<Probe> probes = probes(random);
    long started = System.nanoTime();
    long cpuBefore = cpuNanos();
    List<Answer> answers = new ArrayList<>(sendAll(probes));
    for (String raw : rawProbes()) {
      answers.add(sendRaw(raw));
    }
    System.out.printf("API fuzz (seed %d): %d requests in %d s (%d s of CPU, server and client); statuses %s%n",
        SEED, answers.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
        TimeUnit.NANOSECONDS.toSeconds(cpuNanos() - cpuBefore), statusCounts(answers));
    List<String> failures = new ArrayList<>();
    for (Answer answer : answers) {
      String verdict = verdict(answer);
      if (verdict != null) {
        failures.add(describe(answer, verdict));
      }
    }
    assertThat(failures.subList(0, Math.min(40, failures.size())))
        .as("requests answered wrongly (the first 40 of %d)", failures.size()).isEmpty();
    assertThat(answers).hasSizeGreaterThanOrEqualTo(5000);
    for (Endpoint endpoint : JSON_ENDPOINTS) {
      assertThat(answers.stream().filter(a -> a.probe().endpoint() == endpoint).count())
          .as("requests to " + endpoint.method() + " " + endpoint.path()).isGreaterThanOrEqualTo(150);
    }
    reconcile(before, answers);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The records the probes aim at

  private void createKnownRecords() throws Exception {
    known.put("lead", created(LEADS, "leadId"));
    known.put("opportunity", created(MQLS, "opportunityId"));
    known.put("ticket", created(TICKETS, "ticketId"));
    known.put("contract", created(CONTRACTS, "contractId"));
    created(TEAM.path().replace("{newTeam}", "fuzz-team"), TEAM);
    created(PERSON.path().replace("{newPerson}", "fuzz.person"), PERSON);
    known.put("person", "fuzz.person");
  }

  private String created(Endpoint endpoint, String idField) throws IOException {
    return JSON.readTree(created(endpoint.path(), endpoint).body()).get(idField).asText();
  }

  private Answer created(String path, Endpoint endpoint) {
    Answer answer = send(new Probe("setup", endpoint.method(), path, json(),
        HostileInput.object(endpoint.example().apply(-1)).getBytes(StandardCharsets.UTF_8), false, Who.ADMIN, null));
    assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    return answer;
  }

  private static List<Map.Entry<String, String>> json() {
    return List.of(field("Content-Type", "application/json"));
  }

  /** The path with its record placeholders filled: the run's own records, fresh ids, or a hostile id. */
  private String path(String template, int n, Random random, boolean hostile) {
    String path = template;
    for (String name : List.of("lead", "opportunity", "ticket", "contract", "person")) {
      path = path.replace("{" + name + "}", hostile ? pick(random, HostileInput.hostileIds()) : known.get(name));
    }
    path = path.replace("{newTeam}", hostile ? pick(random, HostileInput.hostileIds())
        : random.nextInt(8) == 0 ? "fuzz-team" : "fuzz-team-" + n);
    path = path.replace("{newPerson}", hostile ? pick(random, HostileInput.hostileIds())
        : random.nextInt(8) == 0 ? "fuzz.person" : "fuzz.p" + n);
    return path.replace("{ghost}", hostile ? pick(random, HostileInput.hostileIds()) : "nobody." + n);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Generating the probes

  private List<Probe> probes(Random random) {
    List<Probe> probes = new ArrayList<>();
    for (Endpoint endpoint : JSON_ENDPOINTS) {
      probes.addAll(heavy(endpoint, random));
    }
    while (probes.size() < REQUESTS) {
      int n = probes.size();
      int dice = random.nextInt(100);
      Endpoint endpoint = pick(random, JSON_ENDPOINTS);
      if ((endpoint.creates() != null || endpoint.path().endsWith("/risk")) && random.nextInt(4) > 0) {
        // Their 2xx starts a process (a new record, a recovery plan), the costliest answer, and all of them queue
        // for the one team's routing cursor: fewer of those keep the run short.
        endpoint = pick(random, JSON_ENDPOINTS);
      }
      if (dice < 50) {
        probes.add(mutated(endpoint, n, random));
      } else if (dice < 66) {
        probes.add(garbage(endpoint, n, random));
      } else if (dice < 76) {
        probes.add(headerAbuse(endpoint, n, random));
      } else if (dice < 80) {
        probes.add(wrongMethod(endpoint, n, random));
      } else if (dice < 87) {
        probes.add(hostilePath(endpoint, n, random));
      } else if (dice < 94) {
        probes.add(reportQuery(n, random));
      } else {
        probes.add(otherCaller(endpoint, n, random));
      }
    }
    Collections.shuffle(probes, random);
    return probes;
  }

  private Probe probe(String category, Endpoint endpoint, int n, Random random, String body) {
    return probe(category, endpoint, n, random, body.getBytes(StandardCharsets.UTF_8));
  }

  private Probe probe(String category, Endpoint endpoint, int n, Random random, byte[] body) {
    return new Probe(category, endpoint.method(), path(endpoint.path(), n, random, false), json(), body, false,
        Who.ADMIN, endpoint);
  }

  /** The example with one to three of its fields made wrong: the bulk of the run. */
  private Probe mutated(Endpoint endpoint, int n, Random random) {
    List<Map.Entry<String, String>> fields = new ArrayList<>(endpoint.example().apply(n));
    int mutations = random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1;
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < mutations && !fields.isEmpty(); i++) {
      int at = random.nextInt(fields.size());
      String name = fields.get(at).getKey();
      String valid = fields.get(at).getValue();
      int kind = random.nextInt(12);
      kinds.add(switch (kind) {
        case 0 -> "missing";
        case 1 -> "null";
        case 2 -> "wrong-type";
        case 3 -> "hostile-string";
        case 4 -> "long-string";
        case 5 -> "control-char";
        case 6 -> "bad-date";
        case 7 -> "edge-number";
        case 8 -> "case-or-space";
        case 9 -> "extra-field";
        case 10 -> "duplicate-key";
        default -> "renamed-key";
      });
      switch (kind) {
        case 0 -> fields.remove(at);
        case 1 -> fields.set(at, field(name, "null"));
        case 2 -> fields.set(at, field(name, pick(random, HostileInput.WRONG_TYPES)));
        case 3 -> fields.set(at, text(name, pick(random, HostileInput.STRINGS)));
        case 4 -> fields.set(at, text(name, HostileInput.longString(random,
            pick(random, List.of(3, 65, 101, 201, 255, 501, 2001, 4001, 10_000, 70_000)))));
        case 5 -> fields.set(at, text(name, withControl(unquoted(valid), random)));
        case 6 -> fields.set(at, text(name, pick(random, HostileInput.DATES)));
        case 7 -> fields.set(at, field(name, pick(random, HostileInput.NUMBERS)));
        case 8 -> fields.set(at, text(name, caseOrSpace(unquoted(valid), random)));
        case 9 -> fields.add(random.nextInt(fields.size() + 1), field(pick(random, List.of("__proto__", "@class",
            "class", "createdBy", "id", "processInstanceId", "owner", "teamId", "status", "created_at", "",
            name.toUpperCase(), "\u0000", "x".repeat(500))), random.nextBoolean()
            ? quote(pick(random, HostileInput.STRINGS)) : pick(random, HostileInput.WRONG_TYPES)));
        case 10 -> fields.add(random.nextBoolean() ? at + 1 : at, text(name, pick(random, HostileInput.STRINGS)));
        default -> fields.set(at, field(pick(random, List.of(name.toUpperCase(), name + " ", " " + name,
            name.isEmpty() ? "X" : name.substring(0, 1).toUpperCase() + name.substring(1), name + "\u0000",
            name + "[0]")), valid));
      }
    }
    return probe("mutation:" + String.join("+", kinds), endpoint, n, random, HostileInput.object(fields));
  }

  private static String unquoted(String rawJson) {
    return rawJson.startsWith("\"") ? rawJson.substring(1, rawJson.length() - 1) : rawJson;
  }

  private static String withControl(String value, Random random) {
    int at = random.nextInt(value.length() + 1);
    return value.substring(0, at) + pick(random, HostileInput.CONTROL) + value.substring(at);
  }

  private static String caseOrSpace(String value, Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> value.toUpperCase();
      case 1 -> value.toLowerCase();
      case 2 -> " " + value + " ";
      default -> value + "\t";
    };
  }

  /** Bodies that are not the JSON object the endpoint reads. */
  private Probe garbage(Endpoint endpoint, int n, Random random) {
    String valid = HostileInput.object(endpoint.example().apply(n));
    int kind = random.nextInt(20);
    String category = "garbage:" + switch (kind) {
      case 0 -> "empty";
      case 1 -> "whitespace";
      case 2 -> "json-null";
      case 3 -> "array";
      case 4 -> "wrapped-in-array";
      case 5 -> "scalar";
      case 6 -> "truncated";
      case 7 -> "trailing-garbage";
      case 8 -> "trailing-comma";
      case 9 -> "comments";
      case 10 -> "single-quotes";
      case 11 -> "unquoted-keys";
      case 12 -> "bom";
      case 13 -> "utf-16";
      case 14 -> "random-bytes";
      case 15, 16 -> "invalid-utf-8";
      case 17 -> "raw-control-char";
      case 18 -> "second-object";
      default -> "non-numeric-number";
    };
    byte[] body = switch (kind) {
      case 0 -> new byte[0];
      case 1 -> " \r\n\t ".getBytes(StandardCharsets.US_ASCII);
      case 2 -> "null".getBytes(StandardCharsets.US_ASCII);
      case 3 -> pick(random, List.of("[]", "[1,2,3]", "[{}]")).getBytes(StandardCharsets.US_ASCII);
      case 4 -> ("[" + valid + "]").getBytes(StandardCharsets.US_ASCII);
      case 5 -> pick(random, List.of("\"x\"", "0", "true", "-1e999", "\"{}\"")).getBytes(StandardCharsets.US_ASCII);
      case 6 -> valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.US_ASCII);
      case 7 -> (valid + pick(random, List.of(" x", "}", "]", "\u0000", ";DROP TABLE lead", "garbage", ",")))
          .getBytes(StandardCharsets.UTF_8);
      case 8 -> (valid.substring(0, valid.length() - 1) + ",}").getBytes(StandardCharsets.US_ASCII);
      case 9 -> ("/* c */" + valid.replaceFirst(",", ", // c\n")).getBytes(StandardCharsets.US_ASCII);
      case 10 -> valid.replace('"', '\'').getBytes(StandardCharsets.US_ASCII);
      case 11 -> valid.replaceAll("\"(\\w+)\":", "$1:").getBytes(StandardCharsets.US_ASCII);
      case 12 -> ("\uFEFF" + valid).getBytes(StandardCharsets.UTF_8);
      case 13 -> valid.getBytes(random.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16);
      case 14 -> HostileInput.randomBytes(random, random.nextInt(2000));
      case 15, 16 -> HostileInput.withBadUtf8(random, valid);
      case 17 -> valid.replaceFirst(":\"", ":\"\u0001\n\t").getBytes(StandardCharsets.US_ASCII);
      case 18 -> (valid + valid).getBytes(StandardCharsets.US_ASCII);
      default -> valid.replaceFirst(":\"[^\"]*\"", ":NaN").getBytes(StandardCharsets.US_ASCII);
    };
    return probe(category, endpoint, n, random, body);
  }

  /** Several-megabyte bodies and 10,000 levels of nesting, to each endpoint. */
  private List<Probe> heavy(Endpoint endpoint, Random random) {
    List<Probe> probes = new ArrayList<>();
    List<Map.Entry<String, String>> example = endpoint.example().apply(90_000);
    String first = example.get(0).getKey();
    probes.add(probe("heavy:nested-arrays", endpoint, 0, random, HostileInput.deep(10_000, true)));
    probes.add(probe("heavy:nested-objects", endpoint, 0, random, HostileInput.deep(10_000, false)));
    List<Map.Entry<String, String>> nestedField = new ArrayList<>(example);
    nestedField.set(0, field(first, HostileInput.deep(10_000, random.nextBoolean())));
    probes.add(probe("heavy:nested-field", endpoint, 0, random, HostileInput.object(nestedField)));
    for (int megabytes : new int[] {3, 6}) {
      List<Map.Entry<String, String>> huge = new ArrayList<>(example);
      int at = random.nextInt(huge.size());
      huge.set(at, text(huge.get(at).getKey(), "A".repeat(megabytes << 20)));
      Probe big = probe("heavy:" + megabytes + "MB-string", endpoint, 0, random, HostileInput.object(huge));
      probes.add(big);
      probes.add(new Probe(big.category() + "-chunked", big.method(), big.path(), big.headers(), big.body(), true,
          big.who(), endpoint));
    }
    List<Map.Entry<String, String>> manyKeys = new ArrayList<>(example);
    for (int i = 0; i < 60_000; i++) {
      manyKeys.add(field("k" + i, "1"));
    }
    probes.add(probe("heavy:60000-keys", endpoint, 0, random, HostileInput.object(manyKeys)));
    List<Map.Entry<String, String>> longNumber = new ArrayList<>(example);
    longNumber.set(0, field(first, "9".repeat(200_000)));
    probes.add(probe("heavy:200000-digit-number", endpoint, 0, random, HostileInput.object(longNumber)));
    List<Map.Entry<String, String>> bigArray = new ArrayList<>(example);
    bigArray.set(0, field(first, "[" + "\"x\",".repeat(300_000) + "\"x\"]"));
    probes.add(probe("heavy:300000-element-array", endpoint, 0, random, HostileInput.object(bigArray)));
    return probes;
  }

  private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=bogus",
      "application/json; charset=UTF-16", "application/json; charset=ISO-8859-1", "application/json;;",
      "application/json; charset=", "application/", "/", "*/*", "application/*", "application/json-patch+json",
      "application/problem+json", "APPLICATION/JSON", "application/json; q=0", "application/json, text/plain",
      "application/json; " + "x=y; ".repeat(500), "application/vnd.slaflow+json", "json", "", "\t",
      "application/json; charset=\"utf-8");

  private static final List<String> ACCEPTS = List.of("text/html", "application/xml", "text/csv", "image/png",
      "garbage", "application/json;q=0", "*/*;q=0", "application/problem+json", "text/*", "", "*/*");

  private static final List<String> IDEMPOTENCY_KEYS = List.of("", " ", "\t", "k".repeat(201), "k".repeat(7000),
      "' OR 1=1 --", "'; DROP TABLE lead; --", "${7*7}", "#{execution.getProcessEngineServices()}",
      "../../etc/passwd", "null", "%00", "\\x00", "k", "fuzz-repeated-key");

  /** Wrong or missing Content-Type, odd Accept, bad Idempotency-Key and other header abuse, with a valid body. */
  private Probe headerAbuse(Endpoint endpoint, int n, Random random) {
    byte[] body = HostileInput.object(endpoint.example().apply(n)).getBytes(StandardCharsets.UTF_8);
    String path = path(endpoint.path(), n, random, false);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    String category;
    switch (random.nextInt(6)) {
      case 0 -> {
        category = "header:no-content-type";
      }
      case 1 -> {
        category = "header:content-type";
        headers.add(field("Content-Type", pick(random, CONTENT_TYPES)));
      }
      case 2 -> {
        category = "header:accept";
        headers.addAll(json());
        headers.add(field("Accept", pick(random, ACCEPTS)));
      }
      case 3, 4 -> {
        category = "header:idempotency-key";
        headers.addAll(json());
        headers.add(field("Idempotency-Key", pick(random, IDEMPOTENCY_KEYS)));
        if (random.nextInt(4) == 0) {
          headers.add(field("Idempotency-Key", "second-" + n));
        }
      }
      default -> {
        category = "header:other";
        headers.addAll(json());
        headers.add(pick(random, List.of(field("X-HTTP-Method-Override", "DELETE"), field("Cookie",
            "JSESSIONID=' OR 1=1 --"), field("X-Forwarded-For", "' OR 1=1 --"), field("Content-Encoding", "gzip"),
            field("Content-Type", "application/json"), field("Range", "bytes=0-1"), field("If-None-Match", "*"),
            field("X-Forwarded-Prefix", "/../../"), field("Accept-Charset", "bogus"), field("Origin", "null"))));
      }
    }
    return new Probe(category, endpoint.method(), path, headers, body, false, Who.ADMIN, endpoint);
  }

  /** An endpoint asked with a method it does not take, or with a body it does not expect. */
  private Probe wrongMethod(Endpoint endpoint, int n, Random random) {
    String[] other = pick(random, OTHER_ENDPOINTS);
    boolean json = random.nextBoolean();
    String template = json ? endpoint.path() : other[1];
    String method = pick(random, List.of("GET", "PUT", "POST", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
        "FOO", json ? endpoint.method() : other[0]));
    byte[] body = random.nextBoolean() ? HostileInput.object(endpoint.example().apply(n))
        .getBytes(StandardCharsets.UTF_8) : new byte[0];
    return new Probe("method:" + method, method, path(template, n, random, false), json(), body, false, Who.ADMIN,
        json ? endpoint : null);
  }

  /** Hostile ids in path segments, and paths around the API that lead nowhere. */
  private Probe hostilePath(Endpoint endpoint, int n, Random random) {
    byte[] body = HostileInput.object(endpoint.example().apply(n)).getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(4) == 0) {
      String path = pick(random, List.of("/api", "/api/", "/api/leads/", "/api/leads/x/y", "//api/leads",
          "/api/./leads", "/api/leads/../org/teams", "/API/leads", "/api/leads;x=y", "/api/leads%3Bx", "/api/%2e%2e/",
          "/api/leads/%2e%2e/%2e%2e/actuator", "/api/org/people/admin", "/api/reports", "/api/reports/nothing",
          "/api/leads?x=" + "y".repeat(3000), "/api/org/teams/" + "t".repeat(65), "/api/org/people/ADMIN"));
      String method = pick(random, List.of("GET", "POST", "PUT"));
      return new Probe("path:odd", method, path, json(), body, false, Who.ADMIN, null);
    }
    boolean json = random.nextBoolean();
    String[] other = pick(random, OTHER_ENDPOINTS);
    return new Probe("path:hostile-id", json ? endpoint.method() : other[0],
        path(json ? endpoint.path() : other[1], n, random, true), json(), json ? body : new byte[0], false,
        Who.ADMIN, json ? endpoint : null);
  }

  /** The reports' query parameters, each from valid, hostile or malformed values. */
  private Probe reportQuery(int n, Random random) {
    StringBuilder query = new StringBuilder();
    for (String name : List.of("groupBy", "from", "to", "team", "unit", "format", "offset", "limit",
        "groupBy", "extra")) {
      if (random.nextInt(3) != 0) {
        continue;
      }
      String value = switch (random.nextInt(7)) {
        case 0 -> pick(random, List.of("rep", "team", "stage", "unit", "source", "week", "csv", "json"));
        case 6 -> pick(random, List.of("0", "1", "100", "-1", "10001", "99999999999", "1e3", "0x10"));
        case 1 -> pick(random, HostileInput.DATES);
        case 2 -> pick(random, List.of("2026-11-01", "2026-12-01", "2025-01-01", "2026-11-30"));
        case 3 -> HostileInput.longString(random, pick(random, List.of(100, 1000, 3000)));
        default -> pick(random, HostileInput.STRINGS);
      };
      query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(HostileInput.encode(value));
    }
    if (random.nextInt(10) == 0) {
      query.append(query.length() == 0 ? '?' : '&').append(pick(random, List.of("from", "=", "&&", "to[]=1",
          "from=2026-11-01&from=2026-10-01", "from=&to=", "groupBy")));
    }
    Who who = pick(random, List.of(Who.ADMIN, Who.ADMIN, Who.ADMIN, Who.REP, Who.ANONYMOUS));
    return new Probe("query", random.nextInt(10) == 0 ? "HEAD" : "GET", pick(random, REPORTS) + query, List.of(),
        new byte[0], false, who, null);
  }

  /** A rep (no intake rights), nobody, or garbled credentials, with a valid or mutated body. */
  private Probe otherCaller(Endpoint endpoint, int n, Random random) {
    Probe probe = random.nextBoolean() ? mutated(endpoint, n, random) : probe("valid", endpoint, n, random,
        HostileInput.object(endpoint.example().apply(n)));
    Who who = pick(random, List.of(Who.REP, Who.REP, Who.ANONYMOUS, Who.BAD_CREDENTIALS));
    return new Probe("caller:" + who + "/" + probe.category(), probe.method(), probe.path(), probe.headers(),
        probe.body(), false, who, endpoint);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Sending and judging

  private List<Answer> sendAll(List<Probe> probes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Answer>> futures = new ArrayList<>();
      for (Probe probe : probes) {
        futures.add(pool.submit(() -> send(probe)));
      }
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get(2, TimeUnit.MINUTES));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static final List<String> BAD_AUTHORIZATION = List.of("Basic", "Basic !!!", "Bearer x",
      "Basic " + base64("admin"), "Basic " + base64(":"), "Basic " + base64("nobody.at.all:x"),
      "Basic " + base64("' OR 1=1 --:x"), "Basic " + base64("${7*7}:x"), "Digest username=\"admin\"");

  private Answer send(Probe probe) {
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe.path()))
          .timeout(Duration.ofSeconds(60));
      for (Map.Entry<String, String> header : probe.headers()) {
        builder.header(header.getKey(), header.getValue());
      }
      switch (probe.who()) {
        case ADMIN -> builder.header("Authorization", "Basic " + base64("admin:" + ADMIN_PASSWORD));
        case REP -> builder.header("Authorization", "Basic " + base64("ben.keller:" + DEMO_PASSWORD));
        case BAD_CREDENTIALS -> builder.header("Authorization",
            BAD_AUTHORIZATION.get(Math.floorMod(probe.path().hashCode(), BAD_AUTHORIZATION.size())));
        default -> { }
      }
      HttpRequest.BodyPublisher body = probe.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
          : probe.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(probe.body()))
          : HttpRequest.BodyPublishers.ofByteArray(probe.body());
      HttpResponse<byte[]> response = client.send(builder.method(probe.method(), body).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(probe, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.body(), null);
    } catch (IOException | IllegalArgumentException e) {
      return new Answer(probe, 0, null, new byte[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(probe, 0, null, new byte[0], e);
    }
  }

  /** The JVM's CPU time: on a shared machine a fairer measure of the run's cost than the wall clock. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** What is wrong with an answer, or null. */
  private static String verdict(Answer answer) {
    if (answer.failure() != null) {
      return "no answer: " + answer.failure();
    }
    int status = answer.status();
    if (status >= 500) {
      return "server error";
    }
    if (status < 200 || status >= 300 && status < 400) {
      return "neither 2xx nor 4xx";
    }
    if (status < 400) {
      return isJson(answer.contentType()) && answer.body().length > 0 && !parses(answer.body())
          ? "2xx answer that is not the JSON it says it is" : null;
    }
    if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
      return "4xx answer of type " + answer.contentType();
    }
    if (answer.probe().method().equals("HEAD")) {
      return null;
    }
    JsonNode problem;
    try {
      problem = JSON.readTree(answer.body());
    } catch (IOException e) {
      return "4xx answer that is not JSON";
    }
    if (problem == null || !problem.isObject() || problem.path("status").asInt() != status
        || problem.path("title").asText("").isBlank()) {
      return "problem without its status or title";
    }
    boolean validation = problem.path("type").asText("").endsWith("/validation");
    if (validation) {
      JsonNode errors = problem.path("errors");
      if (!errors.isArray() || errors.isEmpty()) {
        return "validation problem naming no field";
      }
      for (JsonNode error : errors) {
        if (error.path("field").asText("").isBlank() || error.path("message").asText("").isBlank()
            || !problem.path("detail").asText("").contains(error.path("field").asText())) {
          return "validation problem with an unnamed field";
        }
      }
    } else if (status == 400 && answer.probe().endpoint() != null && !answer.probe().category().startsWith("path:")
        && isWellFormedObject(answer.probe())) {
      return "a well-formed JSON object refused without naming the field";
    }
    return null;
  }

  private static boolean isJson(String contentType) {
    return contentType != null && contentType.startsWith("application/json");
  }

  private static boolean parses(byte[] json) {
    try {
      STRICT.readTree(json);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isWellFormedObject(Probe probe) {
    if (probe.chunked() || probe.body().length == 0 || probe.body().length > 1 << 20
        || !probe.headers().equals(json())) {
      return false;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(probe.body()));
      JsonNode body = STRICT.readTree(probe.body());
      return body != null && body.isObject();
    } catch (IOException notWellFormed) {
      return false;
    }
  }

  private static String describe(Answer answer, String verdict) {
    Probe probe = answer.probe();
    return probe.category() + " " + probe.method() + " " + printable(probe.path(), 120) + " as " + probe.who()
        + " headers " + probe.headers().stream().map(h -> h.getKey() + ": " + printable(h.getValue(), 60)).toList()
        + " body " + printable(new String(probe.body(), StandardCharsets.UTF_8), 200) + " -> " + answer.status()
        + " " + answer.contentType() + " " + printable(new String(answer.body(), StandardCharsets.UTF_8), 300)
        + ": " + verdict;
  }

  private static String printable(String text, int max) {
    String shown = text.chars().limit(max).mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
        : String.valueOf((char) c)).collect(Collectors.joining());
    return text.length() > max ? shown + "...(" + text.length() + " characters)" : shown;
  }

  private static Map<Integer, Long> statusCounts(List<Answer> answers) {
    return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Below the HTTP client: bytes no well-behaved client sends

  private List<String> rawProbes() {
    String auth = "Authorization: Basic " + base64("admin:" + ADMIN_PASSWORD) + "\r\n";
    String body = HostileInput.object(LEADS.example().apply(99_999));
    String post = "POST /api/leads HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: application/json\r\n";
    return List.of(
        post + "Idempotency-Key: \u00ff\u00fe\u00c3(\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
        post + "Idempotency-Key: caf\u00e9\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
        post + "X-Long: " + "x".repeat(20_000) + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
        post + "Content-Length: -1\r\n\r\n" + body,
        post + "Content-Length: abc\r\n\r\n" + body,
        post + "Content-Length: 2\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
        post + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n" + body + "\r\n0\r\n\r\n",
        post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n",
        post + "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
        post.replace("application/json", "application/json\u0000") + "Content-Length: " + body.length() + "\r\n\r\n"
            + body,
        "GET /api/leads/\u00ff\u00fe HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET /api/leads/a b HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET /api/leads/<script> HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET /api/leads/%00 HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET /api/../../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET http://evil.example/api/org/teams HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET /api/org/teams HTTP/1.0\r\n" + auth + "\r\n",
        "GET /api/org/teams HTTP/1.1\r\n" + auth + "\r\n",
        "GET /api/leads/% HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET /api/leads/%ZZ HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET /api/reports/adherence?from=%ZZ&to=% HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "PUT /api/org/teams/%C0%AF%ZZ HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n",
        "GET /api/org/teams HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic \u00ff\u00fe\r\n\r\n",
        "GET /api/org/teams HTTP/1.1\r\nHost: localhost\r\n" + auth + "Bad Header\r\n\r\n");
  }

  /** Sends bytes over a socket, with Connection: close, and reads the whole answer. */
  private Answer sendRaw(String request) {
    int headEnd = request.indexOf("\r\n\r\n");
    String[] requestLine = request.split(" ", 3);
    Probe probe = new Probe("raw", requestLine[0], requestLine[1], List.of(),
        request.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1), false, Who.ADMIN, null);
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String closing = request.substring(0, headEnd) + "\r\nConnection: close" + request.substring(headEnd);
      out.write(closing.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int bodyStart = response.indexOf("\r\n\r\n");
      String head = response.substring(0, bodyStart < 0 ? response.length() : bodyStart);
      String body = bodyStart < 0 ? "" : response.substring(bodyStart + 4);
      if (head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked")) {
        body = unchunked(body);
      }
      String contentType = head.lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
          .map(l -> l.substring(13).trim()).findFirst().orElse(null);
      return new Answer(probe, Integer.parseInt(head.substring(9, 12)), contentType,
          body.getBytes(StandardCharsets.ISO_8859_1), null);
    } catch (IOException | RuntimeException e) {
      return new Answer(probe, 0, null, new byte[0], e);
    }
  }

  private static String unchunked(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    for (int size; (size = Integer.parseInt(chunked.substring(at, chunked.indexOf("\r\n", at)).trim(), 16)) > 0; ) {
      at = chunked.indexOf("\r\n", at) + 2;
      body.append(chunked, at, at + size);
      at += size + 2;
    }
    return body.toString();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Afterwards: every record whole, every record answered

  private static final List<Creates> CREATED = List.of(LEAD, OPPORTUNITY, TICKET, CONTRACT, SIGNAL);

  private Map<String, Set<String>> rowIds() {
    Map<String, Set<String>> ids = new LinkedHashMap<>();
    for (Unit unit : units) {
      ids.put(unit.table(), new HashSet<>(jdbc.queryForList("SELECT id FROM " + unit.table(), String.class)));
    }
    ids.put("team", new HashSet<>(jdbc.queryForList("SELECT id FROM team", String.class)));
    ids.put("org_user", new HashSet<>(jdbc.queryForList("SELECT id FROM org_user", String.class)));
    // Declared absences; a leaver's (DELETE) is checked with the people.
    ids.put("out_of_office", new HashSet<>(jdbc.queryForList(
        "SELECT user_id || '/' || first_day FROM out_of_office WHERE last_day < ?", String.class,
        Organisation.LEFT_UNTIL)));
    ids.put("opportunity_activity", new HashSet<>(jdbc.queryForList("SELECT id FROM opportunity_activity",
        String.class)));
    ids.put("sla_record", new HashSet<>(jdbc.queryForList("SELECT id FROM sla_record", String.class)));
    return ids;
  }

  private void reconcile(Map<String, Set<String>> before, List<Answer> answers) throws IOException {
    Map<String, Set<String>> after = rowIds();
    Map<String, Set<String>> added = new HashMap<>();
    after.forEach((table, ids) -> {
      Set<String> fresh = new HashSet<>(ids);
      fresh.removeAll(before.get(table));
      added.put(table, fresh);
    });
    for (Creates creates : CREATED) {
      // Any 2xx answer that names a record counts, also one to a path the probe made odd ("/api/leads;x=y").
      Map<String, Answer> createdBy = new HashMap<>();
      for (Answer answer : answers) {
        String id = recordId(answer, creates);
        if (id != null && answer.status() == 201) {
          createdBy.put(id, answer);
        } else if (id != null) {
          assertThat(after.get(creates.table())).as("a repeat answers with an existing record").contains(id);
        }
      }
      assertThat(added.get(creates.table())).as("new %s rows are exactly those answered 201", creates.table())
          .containsExactlyInAnyOrderElementsOf(createdBy.keySet());
      for (Map.Entry<String, Answer> created : createdBy.entrySet()) {
        assertWhole(creates, created.getKey(), created.getValue());
      }
    }
    assertThat(added.get("team")).as("new teams are those answered 201")
        .containsExactlyInAnyOrderElementsOf(createdIds(answers, "/api/org/teams/", "/team/id"));
    for (String team : added.get("team")) {
      assertThat(identityService.createGroupQuery().groupId(team).count()).as("group of team " + team).isOne();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM routing_cursor WHERE team_id = ?", Integer.class, team))
          .isOne();
    }
    assertThat(added.get("org_user")).as("new people are those answered 201")
        .containsExactlyInAnyOrderElementsOf(createdIds(answers, "/api/org/people/", "/person/id"));
    for (String person : added.get("org_user")) {
      // Someone who left (DELETE, e.g. of the person "null" a hostile path created) keeps the row, not the login.
      boolean left = jdbc.queryForObject("SELECT COUNT(*) FROM out_of_office WHERE user_id = ? AND last_day = ?",
          Integer.class, person, Organisation.LEFT_UNTIL) > 0;
      assertThat(identityService.createUserQuery().userId(person).count()).as("login of " + person)
          .isEqualTo(left ? 0 : 1);
    }
    assertThat(added.get("out_of_office")).as("absences").hasSize(countCreated(answers, "/out-of-office"));
    assertThat(added.get("opportunity_activity")).as("activities").hasSize(countCreated(answers, "/activities"));
    for (String slaRecord : added.get("sla_record")) {
      Map<String, Object> row = jdbc.queryForMap("SELECT unit, record_id FROM sla_record WHERE id = ?", slaRecord);
      String table = units.stream().filter(unit -> unit.processKeys().contains((String) row.get("unit")))
          .map(Unit::table).findFirst().orElseThrow();
      assertThat(after.get(table)).as("SLA record %s of a record that exists", slaRecord)
          .contains((String) row.get("record_id"));
    }
  }

  private static String recordId(Answer answer, Creates creates) throws IOException {
    if (answer.status() / 100 != 2 || answer.body().length == 0 || answer.body()[0] != '{') {
      return null;
    }
    JsonNode id = JSON.readTree(answer.body()).get(creates.idField());
    return id == null ? null : id.asText();
  }

  /** The ids in 201 answers to PUT requests, as the answer says: "a;b=c" in a path is "a" to Spring MVC. */
  private static Set<String> createdIds(List<Answer> answers, String prefix, String idPointer) throws IOException {
    Set<String> ids = new HashSet<>();
    for (Answer answer : answers) {
      if (answer.status() == 201 && answer.probe().method().equals("PUT")
          && answer.probe().path().startsWith(prefix)) {
        ids.add(JSON.readTree(answer.body()).at(idPointer).asText());
      }
    }
    return ids;
  }

  private static int countCreated(List<Answer> answers, String suffix) {
    return (int) answers.stream().filter(a -> a.status() == 201 && a.probe().path().endsWith(suffix)).count();
  }

  /** Columns that must hold exactly what the request said, and whether the API trims them. */
  private static final Map<String, Map<String, Boolean>> STORED_AS_SENT = Map.of(
      "lead", Map.of("name", true, "email", true, "company", false, "country", false, "source", false,
          "product", false, "external_id", false),
      "opportunity", Map.of("contact_name", true, "contact_email", true, "company", true, "country", false,
          "source", false, "product", false, "external_id", false),
      "ticket", Map.of("account", true, "contact_name", true, "contact_email", true, "description", false,
          "priority", false, "category", false, "external_id", false),
      "contract", Map.of("account", true, "contact_name", true, "contact_email", true, "product", false,
          "external_id", false),
      "expansion_signal", Map.of("account", true, "contact_name", true, "kind", false, "strength", false,
          "note", false, "external_id", false));

  /** A created record has its process instance (and first SLA record), holds what was sent, by who sent it. */
  private void assertWhole(Creates creates, String id, Answer answer) throws IOException {
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM " + creates.table() + " WHERE id = ?", id);
    String pid = (String) row.get("process_instance_id");
    assertThat(pid).as("%s %s has its process instance", creates.table(), id).isNotNull();
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(pid)
        .singleResult();
    assertThat(instance).as("process instance of %s %s", creates.table(), id).isNotNull();
    assertThat(instance.getBusinessKey()).isEqualTo(id);
    assertThat(instance.getProcessDefinitionKey()).isEqualTo(creates.unit());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sla_record WHERE unit = ? AND record_id = ?", Integer.class,
        creates.unit(), id)).as("first SLA record of %s %s", creates.table(), id).isPositive();
    assertThat(row.get("created_by")).as("created by the caller, whatever the body says").isEqualTo("admin");
    for (Map.Entry<String, Object> column : row.entrySet()) {
      if (column.getValue() instanceof String text) {
        // H2 stores any Java string; PostgreSQL refuses NUL and turns an unpaired surrogate into '?'.
        assertThat(text.indexOf(0) < 0 && text.equals(new String(text.getBytes(StandardCharsets.UTF_8),
            StandardCharsets.UTF_8))).as("%s.%s of %s is text PostgreSQL stores as it is", creates.table(),
            column.getKey(), id).isTrue();
      }
    }
    if (creates == CONTRACT && row.get("renews_on") != null) {
      assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("renewal")
          .processInstanceBusinessKey(id).count()).as("renewal of contract " + id).isOne();
    }
    JsonNode sent = JSON.readTree(answer.probe().body());
    for (Map.Entry<String, Boolean> column : STORED_AS_SENT.get(creates.table()).entrySet()) {
      String fieldName = camel(column.getKey());
      JsonNode value = sent.get(fieldName);
      if (value != null && value.isValueNode() && !value.isTextual() && !value.isNull()) {
        continue; // a number or boolean for a text field is stored as Jackson writes it: 1e308, true
      }
      String expected = value == null || value.isNull() ? null
          : column.getValue() ? value.asText().trim() : value.asText();
      assertThat(row.get(column.getKey())).as("%s.%s of %s", creates.table(), column.getKey(), id)
          .isEqualTo(expected);
    }
    if (row.get("amount") != null) {
      JsonNode amount = sent.get("amount");
      assertThat((BigDecimal) row.get("amount")).as("%s.amount of %s, sent as %s", creates.table(), id, amount)
          .isEqualByComparingTo(amount.isTextual() ? new BigDecimal(amount.asText().trim()) : amount.decimalValue());
    }
  }

  private static String camel(String column) {
    StringBuilder name = new StringBuilder();
    for (String part : column.split("_")) {
      name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return name.toString();
  }
}
