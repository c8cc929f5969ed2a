package care.vitals.publisher.device;

import java.util.List;

import care.vitals.model.device.DeviceEvent;
import care.vitals.model.reading.Reading;

/**
 * What a device produces at one tick.
 *
 * @param reading the measurement, or {@code null} if there is nothing to send (probe off,
 * dropout, patient discharged)
 * @param events technical events that happened since the previous tick, in order
 * @param dropped {@code true} if a reading was measured but lost (dropout): the sequence
 * number still advances so the receiver sees the gap
 */
public record Sample(Reading reading, List<DeviceEvent> events, boolean dropped) {

}
