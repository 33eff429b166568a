package io.slaflow.desk;

import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rep's desk in Tasklist: {@code /api/desk/cards}, what the cards show beside each task (Slaflow's card plugin
 * asks for a page of cards at once), and {@code /api/desk/tasks/{id}}, the record behind a task, for whoever is
 * logged in and may read the task.
 */
@RestController
public class DeskController {

  /** Tasklist shows 15 tasks a page; a little room for larger pages, none for a query of the whole table. */
  static final int MAX_TASKS = 100;

  private final Desk desk;

  public DeskController(Desk desk) {
    this.desk = desk;
  }

  @GetMapping(path = "/api/desk/cards", produces = "application/json")
  public List<Desk.Card> cards(@RequestParam("task") List<String> taskIds,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    if (taskIds.size() > MAX_TASKS) {
      throw Problems.invalid("task", "at most " + MAX_TASKS + " task ids at once, not " + taskIds.size());
    }
    return desk.cards(user, taskIds.stream().distinct().toList());
  }

  /** A note to leave on the record. */
  public record NoteRequest(@NotBlank @Size(max = Desk.NOTE_LENGTH) String text) {}

  /** Leaves a note on the task's record, in the caller's name: the record view lists it for everyone who works it. */
  @PostMapping(path = "/api/desk/tasks/{taskId}/notes", consumes = "application/json", produces = "application/json")
  public ResponseEntity<Desk.Note> addNote(@PathVariable String taskId, @Valid @RequestBody NoteRequest request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    return desk.addNote(user, taskId, request.text().strip()).map(note -> ResponseEntity.status(HttpStatus.CREATED)
        .body(note)).orElseThrow(() -> notReadable(taskId));
  }

  private static RuntimeException notReadable(String taskId) {
    return Problems.status(HttpStatus.NOT_FOUND, "No task '" + taskId + "' you may read");
  }

  /** The record behind a task: Tasklist's Record tab. A task the caller may not read answers 404, as a missing one. */
  @GetMapping(path = "/api/desk/tasks/{taskId}", produces = "application/json")
  public Desk.RecordView record(@PathVariable String taskId,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    return desk.record(user, taskId).orElseThrow(() -> notReadable(taskId));
  }
}
