package care.vitals.burden;

import java.time.Duration;

/**
 * A scripted network outage of one device: the connection drops (the broker publishes its
 * Last Will at once), readings are buffered and backfilled on reconnection.
 *
 * @param bed the bed number
 * @param device the position of the device in the bed's device list
 * @param start when it starts, from the start of the run
 * @param length how long it lasts
 */
record OutagePlan(int bed, int device, Duration start, Duration length) {

}
