package io.slaflow.sla;

import java.time.Instant;

/** One stage visit on the SLA clock, as stored in {@code sla_record}. */
public record SlaRecord(
    String id,
    String unit,
    String stage,
    String recordId,
    String processInstanceId,
    String ownerId,
    String teamId,
    String source,
    String clockKind,
    String target,
    Instant startedAt,
    Instant dueAt,
    Instant firstResponseAt,
    Instant completedAt,
    long pausedSeconds,
    Instant pausedAt,
    String pauseReason,
    int warningsSent,
    Instant breachedAt,
    Instant escalatedAt,
    String escalationAction,
    String escalationNote,
    String reassignedFrom,
    String reassignedTo,
    String awayHandover,
    String outcome,
    Instant warningAlertedAt,
    Instant finalWarningAlertedAt,
    Instant breachAlertedAt,
    Instant escalationAlertedAt) {}
