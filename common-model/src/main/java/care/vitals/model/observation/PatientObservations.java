package care.vitals.model.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import care.vitals.model.id.Identifiers;

/**
 * The recent staff observations of one patient, kept retained on
 * {@code patients/{patient}/observations} so that they outlive a restart of the ingest
 * and reach every instance. Oldest first; only the last {@value #MAX_ENTRIES} entries of
 * the last {@link #KEPT} are kept (older ones are no longer fresh for any NEWS2
 * parameter; they stay in InfluxDB).
 *
 * @param patient the patient, a valid identifier; never {@code null}
 * @param entries the observations, oldest first; never {@code null}
 */
public record PatientObservations(String patient, List<StaffObservation> entries) {

	/** Most entries kept. */
	public static final int MAX_ENTRIES = 16;

	/** How long entries are kept. */
	public static final Duration KEPT = Duration.ofHours(12);

	/**
	 * Validates and orders the entries.
	 */
	public PatientObservations {
		Identifiers.requireValid(patient, "patient");
		List<StaffObservation> sorted = new ArrayList<>(Objects.requireNonNull(entries, "entries"));
		sorted.sort(Comparator.comparing(StaffObservation::observedAt));
		entries = List.copyOf(sorted);
	}

	/**
	 * Returns these observations with one more, without entries older than {@link #KEPT}
	 * before {@code now}, and at most {@value #MAX_ENTRIES}.
	 * @param entry the new observation
	 * @param now the current time
	 * @return the new observations
	 */
	public PatientObservations with(StaffObservation entry, Instant now) {
		return kept(List.of(entry), now);
	}

	/**
	 * Returns the union of these observations and others of the same patient (each entry
	 * once), without entries older than {@link #KEPT} before {@code now}, and at most
	 * {@value #MAX_ENTRIES}: two instances that recorded at the same time each published
	 * only their own entry, and the union keeps both.
	 * @param others the other observations of the patient
	 * @param now the current time
	 * @return the union
	 */
	public PatientObservations merge(PatientObservations others, Instant now) {
		return kept(others.entries, now);
	}

	private PatientObservations kept(List<StaffObservation> more, Instant now) {
		List<StaffObservation> next = new ArrayList<>();
		for (StaffObservation entry : this.entries) {
			if (!entry.observedAt().isBefore(now.minus(KEPT))) {
				next.add(entry);
			}
		}
		for (StaffObservation entry : more) {
			if (!next.contains(entry) && !entry.observedAt().isBefore(now.minus(KEPT))) {
				next.add(entry);
			}
		}
		next.sort(Comparator.comparing(StaffObservation::observedAt));
		while (next.size() > MAX_ENTRIES) {
			next.remove(0);
		}
		return new PatientObservations(this.patient, next);
	}

}
