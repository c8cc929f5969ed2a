package care.vitals.model.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import care.vitals.model.observation.PatientObservations;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes and encodes the retained staff observations of
 * {@code patients/{patient}/observations}:
 *
 * <pre>
 * {"patient":"p-1042","entries":[
 *   {"observedAt":"2026-12-05T10:00:00Z","observer":"nurse-1","consciousness":"V",
 *    "o2":true,"o2Device":"nasal_cannula","o2Flow":2.0,"values":{"resp_rate":22}}]}
 * </pre>
 * <p>
 * A zero-length payload (clearing the retained message, at discharge) means none and
 * decodes to an empty {@link Optional}. {@code patient} must match the topic's;
 * {@code observedAt} and {@code observer} are required in every entry, the rest optional
 * (at least one observation per entry); values use the parameter catalogue's names and
 * stored units and must be possible; at most {@value PatientObservations#MAX_ENTRIES}
 * entries. Unknown fields are ignored. Never throws on any input; thread-safe.
 */
public final class PatientObservationsCodec {

	private static final byte[] NONE = new byte[0];

	private final StrictJson json;

	/**
	 * Creates a codec.
	 * @param limits the limits to enforce
	 */
	public PatientObservationsCodec(DecodeLimits limits) {
		this.json = new StrictJson(Objects.requireNonNull(limits, "limits"));
	}

	/**
	 * Decodes an observations message.
	 * @param patient the patient named by the topic
	 * @param payload the raw payload; {@code null} or empty means none
	 * @return the observations, an empty optional for none, or the rejection
	 */
	public Outcome<Optional<PatientObservations>> decode(String patient, byte[] payload) {
		if (payload == null || payload.length == 0) {
			return new Outcome.Ok<>(Optional.empty());
		}
		try {
			JsonNode root = JsonFields.requireObject(this.json.parse(payload), "observations payload");
			String named = JsonFields.requireString(root, "patient");
			if (!named.equals(patient)) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD, "field 'patient' value " + Rejection.echo(named)
						+ " is not the topic's patient " + Rejection.echo(patient));
			}
			JsonNode entries = root.get("entries");
			if (JsonFields.isAbsent(entries)) {
				throw JsonFields.missing("entries");
			}
			if (!entries.isArray()) {
				throw JsonFields.wrongType("entries", "an array", entries);
			}
			if (entries.size() > PatientObservations.MAX_ENTRIES) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD,
						"field 'entries' has more than " + PatientObservations.MAX_ENTRIES + " entries");
			}
			List<StaffObservation> list = new ArrayList<>();
			for (JsonNode entry : entries) {
				list.add(entry(JsonFields.requireObject(entry, "entry")));
			}
			return new Outcome.Ok<>(Optional.of(new PatientObservations(patient, list)));
		}
		catch (DecodeFailure failure) {
			return new Outcome.Failed<>(failure.rejection());
		}
		catch (IllegalArgumentException ex) {
			return new Outcome.Failed<>(new Rejection(RejectReason.INVALID_FIELD, Rejection.echo(ex.getMessage())));
		}
	}

	/**
	 * Encodes observations.
	 * @param observations the observations
	 * @return the UTF-8 JSON bytes
	 */
	public byte[] encode(PatientObservations observations) {
		Objects.requireNonNull(observations, "observations");
		ObjectNode root = StrictJson.WRITER.createObjectNode();
		root.put("patient", observations.patient());
		ArrayNode entries = root.putArray("entries");
		for (StaffObservation observation : observations.entries()) {
			ObjectNode entry = entries.addObject();
			entry.put("observedAt", observation.observedAt().toString());
			entry.put("observer", observation.observer());
			if (observation.consciousness() != null) {
				entry.put("consciousness", observation.consciousness().name());
			}
			if (observation.oxygen() != null) {
				entry.put("o2", observation.oxygen());
			}
			if (observation.oxygenDevice() != null) {
				entry.put("o2Device", observation.oxygenDevice());
			}
			if (observation.oxygenFlow() != null) {
				entry.put("o2Flow", observation.oxygenFlow());
			}
			if (!observation.values().isEmpty()) {
				ObjectNode values = entry.putObject("values");
				observation.values().forEach((parameter, value) -> values.put(parameter.canonicalName(), value));
			}
		}
		return StrictJson.WRITER.writeValueAsBytes(root);
	}

	/**
	 * Returns the payload that clears the retained observations (discharge).
	 * @return an empty array
	 */
	public byte[] encodeNone() {
		return NONE.clone();
	}

	private static StaffObservation entry(JsonNode node) {
		Instant observedAt = JsonFields.optionalTimestamp(node, "observedAt");
		if (observedAt == null) {
			throw JsonFields.missing("observedAt");
		}
		String observer = JsonFields.requireString(node, "observer");
		String level = JsonFields.optionalString(node, "consciousness");
		Consciousness consciousness = (level != null) ? CompactJsonDecoder.consciousness(level) : null;
		Boolean oxygen = JsonFields.optionalBoolean(node, "o2");
		String device = JsonFields.optionalString(node, "o2Device");
		JsonNode flowNode = JsonFields.optionalNumber(node, "o2Flow");
		Double flow = (flowNode != null) ? JsonFields.toDouble(flowNode) : null;
		Map<Parameter, Double> values = new EnumMap<>(Parameter.class);
		JsonNode valuesNode = JsonFields.optionalObject(node, "values");
		if (valuesNode != null) {
			for (Map.Entry<String, JsonNode> value : valuesNode.properties()) {
				Parameter parameter = Parameter.byName(value.getKey())
					.orElseThrow(() -> new DecodeFailure(RejectReason.UNKNOWN_PARAMETER,
							"unknown parameter " + Rejection.echo(value.getKey())));
				if (!value.getValue().isNumber()) {
					throw JsonFields.wrongType("values." + parameter, "a number", value.getValue());
				}
				values.put(parameter, JsonFields.toDouble(value.getValue()));
			}
		}
		return new StaffObservation(observedAt, observer, values, oxygen, device, flow, consciousness);
	}

}
