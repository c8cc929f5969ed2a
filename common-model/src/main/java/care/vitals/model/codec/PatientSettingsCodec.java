package care.vitals.model.codec;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import care.vitals.model.settings.PatientSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes and encodes the retained settings JSON of {@code patients/{patient}/settings}:
 *
 * <pre>
 * {"patient":"p-1042","revision":3,"spo2Scale":2,
 *  "thresholds":{"spo2":{"criticalLow":84,"low":86,"high":null,"criticalHigh":null,
 *    "delaySeconds":15,"hysteresis":1,"clearDelaySeconds":10,"enabled":true}},
 *  "updatedBy":"nurse-1","updatedAt":"2026-11-28T00:00:00Z",
 *  "expires":{"spo2":"2026-11-28T08:00:00Z"}}
 * </pre>
 * <p>
 * {@code expires} (optional) gives when an override ends by itself.
 * <p>
 * A zero-length payload (clearing the retained message) means the defaults and decodes to
 * an empty {@link Optional}. Every field is required except the limits (absent or
 * {@code null} means none); the patient must match the topic's; the revision is a whole
 * number from 0; thresholds are keyed by parameter name and checked as
 * {@link ThresholdRule} and {@link PatientSettings} check them; delays are 0-86,400 s
 * with millisecond precision. Unknown fields are ignored. Never throws on any input;
 * thread-safe.
 */
public final class PatientSettingsCodec {

	private static final byte[] DEFAULTS = new byte[0];

	private static final double MAX_DELAY_SECONDS = PatientSettings.MAX_DELAY.toSeconds();

	private final StrictJson json;

	/**
	 * Creates a codec.
	 * @param limits the limits to enforce
	 */
	public PatientSettingsCodec(DecodeLimits limits) {
		this.json = new StrictJson(Objects.requireNonNull(limits, "limits"));
	}

	/**
	 * Decodes a settings message.
	 * @param patient the patient named by the topic
	 * @param payload the raw payload; {@code null} or empty means the defaults
	 * @return the settings, an empty optional for the defaults, or the rejection
	 */
	public Outcome<Optional<PatientSettings>> decode(String patient, byte[] payload) {
		if (payload == null || payload.length == 0) {
			return new Outcome.Ok<>(Optional.empty());
		}
		try {
			JsonNode root = JsonFields.requireObject(this.json.parse(payload), "settings payload");
			String named = JsonFields.requireString(root, "patient");
			if (!named.equals(patient)) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD, "field 'patient' value " + Rejection.echo(named)
						+ " is not the topic's patient " + Rejection.echo(patient));
			}
			long revision = revision(root);
			SpO2Scale scale = scale(root);
			Map<Parameter, ThresholdRule> thresholds = thresholds(root);
			String updatedBy = JsonFields.requireString(root, "updatedBy");
			Instant updatedAt = JsonFields.optionalTimestamp(root, "updatedAt");
			if (updatedAt == null) {
				throw JsonFields.missing("updatedAt");
			}
			return new Outcome.Ok<>(Optional
				.of(new PatientSettings(patient, revision, scale, thresholds, updatedBy, updatedAt, expiries(root))));
		}
		catch (DecodeFailure failure) {
			return new Outcome.Failed<>(failure.rejection());
		}
		catch (IllegalArgumentException ex) {
			return new Outcome.Failed<>(new Rejection(RejectReason.INVALID_FIELD, Rejection.echo(ex.getMessage())));
		}
	}

	/**
	 * Encodes settings.
	 * @param settings the settings
	 * @return the UTF-8 JSON bytes
	 */
	public byte[] encode(PatientSettings settings) {
		Objects.requireNonNull(settings, "settings");
		ObjectNode root = StrictJson.WRITER.createObjectNode();
		root.put("patient", settings.patient());
		root.put("revision", settings.revision());
		root.put("spo2Scale", settings.scale().number());
		ObjectNode thresholds = root.putObject("thresholds");
		settings.thresholds().forEach((parameter, rule) -> {
			ObjectNode node = thresholds.putObject(parameter.canonicalName());
			node.put("criticalLow", rule.criticalLow());
			node.put("low", rule.low());
			node.put("high", rule.high());
			node.put("criticalHigh", rule.criticalHigh());
			node.put("delaySeconds", seconds(rule.delay()));
			node.put("hysteresis", rule.hysteresis());
			node.put("clearDelaySeconds", seconds(rule.clearDelay()));
			node.put("enabled", rule.enabled());
		});
		root.put("updatedBy", settings.updatedBy());
		root.put("updatedAt", settings.updatedAt().toString());
		if (!settings.expiries().isEmpty()) {
			ObjectNode expires = root.putObject("expires");
			settings.expiries().forEach((parameter, end) -> expires.put(parameter.canonicalName(), end.toString()));
		}
		return StrictJson.WRITER.writeValueAsBytes(root);
	}

	/**
	 * Returns the payload that clears the retained settings (back to the defaults).
	 * @return an empty array
	 */
	public byte[] encodeDefaults() {
		return DEFAULTS.clone();
	}

	private static long revision(JsonNode root) {
		JsonNode node = JsonFields.optionalNumber(root, "revision");
		if (node == null) {
			throw JsonFields.missing("revision");
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
			throw new DecodeFailure(RejectReason.INVALID_FIELD,
					"field 'revision' must be a whole number from 0, got " + Rejection.echo(node.toString()));
		}
		return node.longValue();
	}

	private static SpO2Scale scale(JsonNode root) {
		JsonNode node = JsonFields.optionalNumber(root, "spo2Scale");
		if (node == null) {
			throw JsonFields.missing("spo2Scale");
		}
		if (node.isIntegralNumber() && node.canConvertToInt()) {
			switch (node.intValue()) {
				case 1:
					return SpO2Scale.SCALE_1;
				case 2:
					return SpO2Scale.SCALE_2;
				default:
					break;
			}
		}
		throw new DecodeFailure(RejectReason.INVALID_FIELD,
				"field 'spo2Scale' must be 1 or 2, got " + Rejection.echo(node.toString()));
	}

	private static Map<Parameter, ThresholdRule> thresholds(JsonNode root) {
		JsonNode object = JsonFields.optionalObject(root, "thresholds");
		if (object == null) {
			throw JsonFields.missing("thresholds");
		}
		Map<Parameter, ThresholdRule> rules = new EnumMap<>(Parameter.class);
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			Parameter parameter = Parameter.byName(entry.getKey())
				.orElseThrow(() -> new DecodeFailure(RejectReason.UNKNOWN_PARAMETER,
						"unknown parameter " + Rejection.echo(entry.getKey()) + " in 'thresholds'"));
			String field = "thresholds." + parameter.canonicalName();
			JsonNode rule = JsonFields.requireObject(entry.getValue(), "field '" + field + "'");
			Boolean enabled = JsonFields.optionalBoolean(rule, "enabled");
			if (enabled == null) {
				throw JsonFields.missing(field + ".enabled");
			}
			JsonNode hysteresis = JsonFields.optionalNumber(rule, "hysteresis");
			if (hysteresis == null) {
				throw JsonFields.missing(field + ".hysteresis");
			}
			rules.put(parameter,
					new ThresholdRule(parameter, limit(rule, "criticalLow"), limit(rule, "low"), limit(rule, "high"),
							limit(rule, "criticalHigh"), delay(rule, "delaySeconds", field),
							JsonFields.toDouble(hysteresis), delay(rule, "clearDelaySeconds", field), enabled));
		}
		return rules;
	}

	/** {@code "expires":{"spo2":"2026-12-05T18:00:00Z"}}, optional. */
	private static Map<Parameter, Instant> expiries(JsonNode root) {
		JsonNode object = JsonFields.optionalObject(root, "expires");
		Map<Parameter, Instant> ends = new EnumMap<>(Parameter.class);
		if (object == null) {
			return ends;
		}
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			Parameter parameter = Parameter.byName(entry.getKey())
				.orElseThrow(() -> new DecodeFailure(RejectReason.UNKNOWN_PARAMETER,
						"unknown parameter " + Rejection.echo(entry.getKey()) + " in 'expires'"));
			Instant end = JsonFields.optionalTimestamp(object, entry.getKey());
			if (end == null) {
				throw JsonFields.missing("expires." + parameter.canonicalName());
			}
			ends.put(parameter, end);
		}
		return ends;
	}

	private static Double limit(JsonNode rule, String field) {
		JsonNode node = JsonFields.optionalNumber(rule, field);
		return (node != null) ? JsonFields.toDouble(node) : null;
	}

	private static Duration delay(JsonNode rule, String field, String path) {
		JsonNode node = JsonFields.optionalNumber(rule, field);
		if (node == null) {
			throw JsonFields.missing(path + "." + field);
		}
		double seconds = JsonFields.toDouble(node);
		if (!(seconds >= 0 && seconds <= MAX_DELAY_SECONDS)) {
			throw new DecodeFailure(RejectReason.INVALID_FIELD, "field '" + path + "." + field + "' must be 0-"
					+ (long) MAX_DELAY_SECONDS + " seconds, got " + Rejection.echo(node.toString()));
		}
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
