/**
 * The audit trail of a patient, read back from what the ingest wrote to InfluxDB
 * ({@code activity} and {@code alarms}): who did what and when, for the bed page and the
 * REST API (docs/ward-station.md, "The audit trail").
 */
package care.vitals.ingest.audit;
