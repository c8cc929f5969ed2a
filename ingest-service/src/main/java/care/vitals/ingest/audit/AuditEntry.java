package care.vitals.ingest.audit;

import java.time.Instant;

/**
 * One line of a patient's audit trail.
 *
 * @param at when it happened
 * @param actor who did it: the user of an action, {@code system} for what the alarm
 * engine did by itself, {@code expiry} for a limit change that ended at its expiry
 * @param kind what kind of record: the activity kind ({@code admit}, {@code transfer},
 * {@code discharge}, {@code observation}, {@code acknowledge}, {@code settings},
 * {@code threshold}) or {@code alarm}
 * @param text what happened, in words, e.g. "acknowledged the High priority SpO2 low
 * alarm (SpO2 82 % below 85 %)"
 */
public record AuditEntry(Instant at, String actor, String kind, String text) {
}
