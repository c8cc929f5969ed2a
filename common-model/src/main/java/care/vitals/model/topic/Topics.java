package care.vitals.model.topic;

import java.util.Objects;

import care.vitals.model.id.Identifiers;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;

/**
 * The MQTT topic scheme (CONTRACTS.md): builds every topic, parses incoming topics and
 * names the subscription filters.
 * <p>
 * Builders validate every identifier they put into a topic (see {@link Identifiers}) and
 * throw {@link IllegalArgumentException} for invalid ones, so no wildcard, separator or
 * control character can reach a topic. {@link #parse(String)} never throws.
 */
public final class Topics {

	/** Filter for all measurement topics: {@value}. */
	public static final String MEASUREMENTS_FILTER = "devices/+/measurements";

	/** Filter for all device status topics: {@value}. */
	public static final String STATUS_FILTER = "devices/+/status";

	/** Filter for all device event topics: {@value}. */
	public static final String EVENTS_FILTER = "devices/+/events";

	/** Filter for all assignment topics: {@value}. */
	public static final String ASSIGNMENTS_FILTER = "assignments/+";

	/** Filter for all patient settings topics: {@value}. */
	public static final String SETTINGS_FILTER = "patients/+/settings";

	/** Filter for all patient staff-observation topics: {@value}. */
	public static final String OBSERVATIONS_FILTER = "patients/+/observations";

	/** Filter for all alarm topics: {@value}. */
	public static final String ALARMS_FILTER = "alarms/+/+";

	/** Filter for all dead-letter topics: {@value}. */
	public static final String REJECTED_FILTER = "ingest/rejected/+";

	/**
	 * The lease of the clinical output among ingest instances (retained: the client id of
	 * the owner; cleared by the owner's Last Will). Internal to the ingest.
	 */
	public static final String CLINICAL_OWNER = "ingest/clinical/owner";

	/**
	 * Acknowledgements made through an ingest instance that does not own the clinical
	 * output, for the owner to apply ({@code <alarmId> <user>}). Internal to the ingest.
	 */
	public static final String CLINICAL_ACKS = "ingest/clinical/acks";

	private static final String DEVICES = "devices";

	private static final String MEASUREMENTS = "measurements";

	private static final String STATUS = "status";

	private static final String EVENTS = "events";

	private static final String ASSIGNMENTS = "assignments";

	private static final String ALARMS = "alarms";

	private static final String PATIENTS = "patients";

	private static final String SETTINGS = "settings";

	private static final String OBSERVATIONS = "observations";

	private static final String INGEST = "ingest";

	private static final String REJECTED = "rejected";

	private static final String SHARE_PREFIX = "$share/";

	private Topics() {
	}

	/**
	 * Builds {@code devices/{deviceId}/measurements}.
	 * @param deviceId a valid device id
	 * @return the topic
	 * @throws IllegalArgumentException if the device id is invalid
	 */
	public static String measurements(String deviceId) {
		return device(deviceId, MEASUREMENTS);
	}

	/**
	 * Builds {@code devices/{deviceId}/status}.
	 * @param deviceId a valid device id
	 * @return the topic
	 * @throws IllegalArgumentException if the device id is invalid
	 */
	public static String status(String deviceId) {
		return device(deviceId, STATUS);
	}

	/**
	 * Builds {@code devices/{deviceId}/events}.
	 * @param deviceId a valid device id
	 * @return the topic
	 * @throws IllegalArgumentException if the device id is invalid
	 */
	public static String events(String deviceId) {
		return device(deviceId, EVENTS);
	}

	/**
	 * Builds {@code assignments/{deviceId}}.
	 * @param deviceId a valid device id
	 * @return the topic
	 * @throws IllegalArgumentException if the device id is invalid
	 */
	public static String assignment(String deviceId) {
		return ASSIGNMENTS + "/" + Identifiers.requireValid(deviceId, "device id");
	}

	/**
	 * Builds {@code ingest/sync/{clientId}}: where an ingest instance publishes the
	 * marker that tells it its retained patient state has arrived.
	 * @param clientId the instance's MQTT client id, a valid identifier
	 * @return the topic
	 * @throws IllegalArgumentException if the client id is invalid
	 */
	public static String sync(String clientId) {
		return INGEST + "/sync/" + Identifiers.requireValid(clientId, "client id");
	}

	/**
	 * Builds {@code patients/{patient}/observations}.
	 * @param patient the patient, a valid identifier
	 * @return the topic
	 * @throws IllegalArgumentException if the patient id is invalid
	 */
	public static String observations(String patient) {
		return PATIENTS + "/" + Identifiers.requireValid(patient, "patient") + "/" + OBSERVATIONS;
	}

	/**
	 * Builds {@code patients/{patient}/settings}.
	 * @param patient a valid patient id
	 * @return the topic
	 * @throws IllegalArgumentException if the patient id is invalid
	 */
	public static String settings(String patient) {
		return PATIENTS + "/" + Identifiers.requireValid(patient, "patient") + "/" + SETTINGS;
	}

	/**
	 * Builds {@code alarms/{ward}/{bed}}.
	 * @param ward a valid ward identifier
	 * @param bed a valid bed identifier
	 * @return the topic
	 * @throws IllegalArgumentException if ward or bed is invalid
	 */
	public static String alarms(String ward, String bed) {
		return ALARMS + "/" + Identifiers.requireValid(ward, "ward") + "/" + Identifiers.requireValid(bed, "bed");
	}

	/**
	 * Builds {@code ingest/rejected/{reason}}.
	 * @param reason the rejection reason; its code is the last segment
	 * @return the topic
	 */
	public static String rejected(RejectReason reason) {
		return INGEST + "/" + REJECTED + "/" + Objects.requireNonNull(reason, "reason").code();
	}

	/**
	 * Builds a shared subscription {@code $share/{group}/{filter}} so several ingest
	 * instances split the messages of one filter.
	 * @param group the share group, a valid identifier (e.g. {@code ingest})
	 * @param filter the topic filter, e.g. {@link #MEASUREMENTS_FILTER}; not empty, not
	 * itself shared, no leading {@code /}
	 * @return the shared subscription
	 * @throws IllegalArgumentException if group or filter is invalid
	 */
	public static String shared(String group, String filter) {
		Identifiers.requireValid(group, "share group");
		if (filter == null || filter.isEmpty() || filter.startsWith("/") || filter.startsWith(SHARE_PREFIX)) {
			throw new IllegalArgumentException("filter must be a non-empty, non-shared topic filter");
		}
		return SHARE_PREFIX + group + "/" + filter;
	}

	/**
	 * Parses an incoming topic. Never throws.
	 * @param topic the topic a message arrived on, may be {@code null}
	 * @return the parsed topic, or {@link InvalidTopic} with reason
	 * {@link RejectReason#INVALID_DEVICE_ID} for a bad device id and
	 * {@link RejectReason#INVALID_TOPIC} for anything else
	 */
	public static ParsedTopic parse(String topic) {
		if (topic == null) {
			return invalid("topic is null");
		}
		ParsedTopic device = parseDeviceTopic(topic);
		if (device != null) {
			return device;
		}
		String[] segments = topic.split("/", -1);
		if (segments.length >= 2 && ASSIGNMENTS.equals(segments[0])) {
			String deviceId = topic.substring(ASSIGNMENTS.length() + 1);
			return Identifiers.isValid(deviceId) ? new AssignmentTopic(deviceId) : invalidDevice(deviceId);
		}
		if (segments.length == 3 && PATIENTS.equals(segments[0]) && SETTINGS.equals(segments[2])) {
			if (!Identifiers.isValid(segments[1])) {
				return invalid("invalid patient in settings topic " + Rejection.echo(topic));
			}
			return new SettingsTopic(segments[1]);
		}
		if (segments.length == 3 && PATIENTS.equals(segments[0]) && OBSERVATIONS.equals(segments[2])) {
			if (!Identifiers.isValid(segments[1])) {
				return invalid("invalid patient in observations topic " + Rejection.echo(topic));
			}
			return new ObservationsTopic(segments[1]);
		}
		if (segments.length == 3 && ALARMS.equals(segments[0])) {
			if (!Identifiers.isValid(segments[1]) || !Identifiers.isValid(segments[2])) {
				return invalid("invalid ward or bed in alarm topic " + Rejection.echo(topic));
			}
			return new AlarmTopic(segments[1], segments[2]);
		}
		if (segments.length == 3 && INGEST.equals(segments[0]) && REJECTED.equals(segments[1])) {
			return RejectReason.byCode(segments[2])
				.<ParsedTopic>map(RejectedTopic::new)
				.orElseGet(() -> invalid("unknown rejection reason " + Rejection.echo(segments[2])));
		}
		return invalid("topic " + Rejection.echo(topic) + " is not part of the topic scheme");
	}

	/**
	 * A device's topic ({@code devices/<id>/<kind>}, the one every reading comes on),
	 * read without splitting it: the device id is what lies between the first and the
	 * last level, invalid if it contains a {@code /}.
	 * @return the parsed topic, or {@code null} if this is not a device topic
	 */
	private static ParsedTopic parseDeviceTopic(String topic) {
		int last = topic.lastIndexOf('/');
		if (last <= DEVICES.length() || !topic.startsWith(DEVICES) || topic.charAt(DEVICES.length()) != '/') {
			return null;
		}
		String kind = deviceTopicKind(topic, last + 1);
		return (kind != null) ? parseDeviceTopic(topic.substring(DEVICES.length() + 1, last), kind) : null;
	}

	private static String deviceTopicKind(String topic, int from) {
		if (endsWithSegment(topic, from, MEASUREMENTS)) {
			return MEASUREMENTS;
		}
		if (endsWithSegment(topic, from, STATUS)) {
			return STATUS;
		}
		return endsWithSegment(topic, from, EVENTS) ? EVENTS : null;
	}

	private static boolean endsWithSegment(String topic, int from, String segment) {
		return topic.length() - from == segment.length() && topic.startsWith(segment, from);
	}

	private static ParsedTopic parseDeviceTopic(String deviceId, String kind) {
		if (!Identifiers.isValid(deviceId)) {
			return invalidDevice(deviceId);
		}
		return switch (kind) {
			case MEASUREMENTS -> new MeasurementsTopic(deviceId);
			case STATUS -> new StatusTopic(deviceId);
			default -> new EventsTopic(deviceId);
		};
	}

	private static String device(String deviceId, String kind) {
		return DEVICES + "/" + Identifiers.requireValid(deviceId, "device id") + "/" + kind;
	}

	private static ParsedTopic invalid(String detail) {
		return new InvalidTopic(new Rejection(RejectReason.INVALID_TOPIC, detail));
	}

	private static ParsedTopic invalidDevice(String deviceId) {
		return new InvalidTopic(new Rejection(RejectReason.INVALID_DEVICE_ID,
				"device id " + Rejection.echo(deviceId) + " is not 1-64 characters of [A-Za-z0-9._-]"));
	}

}
