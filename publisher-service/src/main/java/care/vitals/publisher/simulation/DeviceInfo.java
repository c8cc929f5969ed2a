package care.vitals.publisher.simulation;

import care.vitals.publisher.device.DeviceKind;

/**
 * What the API shows of one device.
 *
 * @param deviceId the device id
 * @param kind the kind
 * @param patient the patient index
 * @param connected whether its own connection is up ({@code null} in load mode)
 * @param sequence the next sequence number ({@code null} in load mode)
 * @param backlog messages buffered for backfill
 * @param backfilled messages published from the backlog so far
 * @param lost messages dropped because the backlog was full
 * @param battery battery charge in %, {@code null} if mains powered or unknown
 * @param clockSkewMillis the device's clock error
 */
public record DeviceInfo(String deviceId, DeviceKind kind, int patient, Boolean connected, Long sequence, int backlog,
		long backfilled, long lost, Double battery, long clockSkewMillis) {

}
