package care.vitals.model.codec;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import care.vitals.model.assignment.Assignment;
import care.vitals.model.id.Identifiers;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes and encodes the retained assignment JSON of {@code assignments/{deviceId}}:
 * {@code {"patient":"p-1042","ward":"ward-3","bed":"12","since":"…"}}.
 * <p>
 * A zero-length payload (the MQTT way to clear a retained message) means discharged and
 * decodes to an empty {@link Optional}. All four fields are required; patient, ward and
 * bed must be valid identifiers (pseudonymised ids, never names) and the patient must not
 * be {@value Assignment#UNASSIGNED_PATIENT}; {@code since} is ISO-8601 or epoch ms and
 * not checked against the clock (the message is retained). Unknown fields are ignored.
 * Never throws on any input; thread-safe.
 */
public final class AssignmentCodec {

	private static final byte[] DISCHARGED = new byte[0];

	private final StrictJson json;

	/**
	 * Creates a codec.
	 * @param limits the limits to enforce
	 */
	public AssignmentCodec(DecodeLimits limits) {
		this.json = new StrictJson(Objects.requireNonNull(limits, "limits"));
	}

	/**
	 * Decodes an assignment message.
	 * @param payload the raw payload; {@code null} or empty means discharged
	 * @return the assignment, an empty optional when discharged, or the rejection
	 */
	public Outcome<Optional<Assignment>> decode(byte[] payload) {
		if (payload == null || payload.length == 0) {
			return new Outcome.Ok<>(Optional.empty());
		}
		try {
			JsonNode root = JsonFields.requireObject(this.json.parse(payload), "assignment payload");
			String patient = identifier(root, "patient");
			if (Assignment.UNASSIGNED_PATIENT.equals(patient)) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD,
						"patient id '" + Assignment.UNASSIGNED_PATIENT + "' is reserved");
			}
			String ward = identifier(root, "ward");
			String bed = identifier(root, "bed");
			Instant since = JsonFields.optionalTimestamp(root, "since");
			if (since == null) {
				throw JsonFields.missing("since");
			}
			return new Outcome.Ok<>(Optional.of(new Assignment(patient, ward, bed, since)));
		}
		catch (DecodeFailure failure) {
			return new Outcome.Failed<>(failure.rejection());
		}
	}

	/**
	 * Encodes an assignment.
	 * @param assignment the assignment
	 * @return the UTF-8 JSON bytes
	 */
	public byte[] encode(Assignment assignment) {
		Objects.requireNonNull(assignment, "assignment");
		ObjectNode root = StrictJson.WRITER.createObjectNode();
		root.put("patient", assignment.patient());
		root.put("ward", assignment.ward());
		root.put("bed", assignment.bed());
		root.put("since", assignment.since().toString());
		return StrictJson.WRITER.writeValueAsBytes(root);
	}

	/**
	 * Returns the discharge payload: zero bytes, which clears the retained assignment.
	 * @return an empty array
	 */
	public byte[] encodeDischarge() {
		return DISCHARGED.clone();
	}

	private static String identifier(JsonNode root, String field) {
		String value = JsonFields.requireString(root, field);
		if (!Identifiers.isValid(value)) {
			throw new DecodeFailure(RejectReason.INVALID_FIELD, "field '" + field + "' value " + Rejection.echo(value)
					+ " is not 1-64 characters of [A-Za-z0-9._-]");
		}
		return value;
	}

}
