package care.vitals.model.topic;

/**
 * The result of {@link Topics#parse(String)}: one of the topics of the scheme, or
 * {@link InvalidTopic} with a reason.
 */
public sealed interface ParsedTopic
		permits DeviceTopic, SettingsTopic, ObservationsTopic, AlarmTopic, RejectedTopic, InvalidTopic {

}
