/**
 * Codecs for untrusted MQTT payloads: compact JSON and SenML measurements, device status,
 * device events, assignments and the retained alarm list. Decoders never throw on input;
 * they return the decoded value or a {@link care.vitals.model.rejection.Rejection}.
 */
package care.vitals.model.codec;
