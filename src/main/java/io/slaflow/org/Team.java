package io.slaflow.org;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** A team: the unit that owns routed work, with its own business hours and manager. */
public record Team(
    String id,
    String name,
    ZoneId zone,
    LocalTime opens,
    LocalTime closes,
    Set<DayOfWeek> workingDays,
    String holidayCountry,
    String holidayRegion,
    String managerId) {}
