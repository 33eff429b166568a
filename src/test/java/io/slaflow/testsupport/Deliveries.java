package io.slaflow.testsupport;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the test mail server holds, counted physically: one copy per recipient mailbox per SMTP delivery, so that an
 * alert the application sent twice counts twice even though both copies carry one Message-ID (a mail client would
 * show it once; the promise measured here is the application's, not the client's).
 */
public final class Deliveries {

  /** One physical copy: the mailbox it landed in, its place there (0 first), its Message-ID and subject. */
  public record Copy(String mailbox, int position, String messageId, String subject) {}

  private final List<Copy> copies;

  private Deliveries(List<Copy> copies) {
    this.copies = List.copyOf(copies);
  }

  /** Every copy in every mailbox, each mailbox in arrival order. */
  public static Deliveries of(GreenMailOperations mail) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read(mail);
      } catch (ConcurrentModificationException arriving) {
        // A mailbox took a message while it was read (the application keeps sending): read them all again.
        if (attempt == 100) {
          throw arriving;
        }
      }
    }
  }

  private static Deliveries read(GreenMailOperations mail) {
    List<Copy> copies = new ArrayList<>();
    List<GreenMailUser> users = new ArrayList<>(mail.getUserManager().listUser());
    users.sort(Comparator.comparing(GreenMailUser::getEmail));
    try {
      for (GreenMailUser user : users) {
        int position = 0;
        for (StoredMessage stored : mail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
          MimeMessage message = stored.getMimeMessage();
          copies.add(new Copy(user.getEmail(), position++, message.getMessageID(), message.getSubject()));
        }
      }
    } catch (FolderException | MessagingException e) {
      throw new IllegalStateException(e);
    }
    return new Deliveries(copies);
  }

  public List<Copy> copies() {
    return copies;
  }

  /** Only the copies whose subject passes {@code subject}, e.g. this test's records. */
  public Deliveries about(Predicate<String> subject) {
    return new Deliveries(copies.stream().filter(c -> subject.test(c.subject())).toList());
  }

  public int size() {
    return copies.size();
  }

  /** The Message-IDs that arrived at all, in any mailbox. */
  public Set<String> messageIds() {
    return copies.stream().map(Copy::messageId).collect(Collectors.toSet());
  }

  /** Copies per (mailbox, Message-ID) beyond the first: each is a second physical delivery of the same alert. */
  public int duplicateCopies() {
    return (int) copiesPerMailboxAndId().values().stream().mapToLong(n -> n - 1).sum();
  }

  /** The alerts (Message-IDs) that some mailbox holds more than once, with the most copies one mailbox holds. */
  public Map<String, Long> duplicatedAlerts() {
    Map<String, Long> most = new LinkedHashMap<>();
    copiesPerMailboxAndId().forEach((key, n) -> {
      if (n > 1) {
        most.merge(key.get(1), n, Math::max);
      }
    });
    return most;
  }

  /** Where each alert first arrived in {@code mailbox}: Message-ID to position. */
  public Map<String, Integer> firstArrivals(String mailbox) {
    Map<String, Integer> first = new LinkedHashMap<>();
    copies.stream().filter(c -> c.mailbox().equals(mailbox)).forEach(c -> first.putIfAbsent(c.messageId(),
        c.position()));
    return first;
  }

  public Set<String> mailboxes() {
    return copies.stream().map(Copy::mailbox).collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** A line for the test's output: copies, alerts, duplicate copies. */
  public String summary() {
    return size() + " copies of " + messageIds().size() + " alerts in " + mailboxes().size() + " mailboxes, "
        + duplicateCopies() + " duplicate copies (" + duplicatedAlerts().size() + " alerts delivered twice or more)";
  }

  private Map<List<String>, Long> copiesPerMailboxAndId() {
    return copies.stream().collect(Collectors.groupingBy(c -> List.of(c.mailbox(), c.messageId()),
        LinkedHashMap::new, Collectors.counting()));
  }
}
