/**
 * The MQTT topic scheme: building, parsing, subscription filters.
 */
package care.vitals.model.topic;
