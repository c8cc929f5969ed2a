package care.vitals.publisher.device;

import java.time.Duration;
import java.util.Map;

import care.vitals.publisher.physiology.Noise;

/**
 * The care robot's course, a pure function of (seed, device, bed, time): a four-hour
 * cycle of three hours' work (battery 95 % down to 25 %) and one hour charging at the
 * nurses' station. Work comes in five-minute slots, each with a task at the patient's bed
 * (the first minute is spent driving there) or idle at the station; a slot may carry an
 * error.
 */
final class CareRobot {

	static final int IDLE = 0;

	static final int NAVIGATING = 1;

	static final int DELIVERING_MEDICATION = 2;

	static final int VITALS_ROUND = 3;

	static final int CHARGING = 4;

	static final int DISINFECTING = 5;

	/** Error codes and their meaning, 0 meaning none. */
	static final Map<Integer, String> ERRORS = Map.of(101, "obstacle detected", 102, "path blocked", 201, "battery low",
			301, "gripper fault", 401, "localisation lost");

	private static final int[] SLOT_TASKS = { IDLE, DELIVERING_MEDICATION, VITALS_ROUND, DISINFECTING };

	private static final int[] SLOT_ERRORS = { 101, 102, 301, 401 };

	private static final long CYCLE_S = Duration.ofHours(4).toSeconds();

	private static final long WORK_S = Duration.ofHours(3).toSeconds();

	private static final long SLOT_S = 300;

	private static final long DRIVE_S = 60;

	private static final long STREAM = 8_000_000L;

	private CareRobot() {
	}

	static RobotState state(long seed, int device, int bed, Duration sinceStart) {
		long stream = STREAM + device;
		long offset = (long) (Noise.uniform(seed, stream, 0) * CYCLE_S);
		double t = sinceStart.toMillis() / 1000.0 + offset;
		double inCycle = t % CYCLE_S;
		if (inCycle >= WORK_S) {
			double charged = (inCycle - WORK_S) / (CYCLE_S - WORK_S);
			return new RobotState(CHARGING, 0, 0, 0, 1, round(25 + 70 * charged));
		}
		double battery = round(95 - 70 * inCycle / WORK_S);
		long slot = (long) (t / SLOT_S);
		double inSlot = t - slot * SLOT_S;
		int task = SLOT_TASKS[(int) (Noise.uniform(seed, stream, 3 * slot + 1) * SLOT_TASKS.length)];
		int error = (Noise.uniform(seed, stream, 3 * slot + 2) < 0.04)
				? SLOT_ERRORS[(int) (Noise.uniform(seed, stream, 3 * slot + 3) * SLOT_ERRORS.length)]
				: (battery < 30) ? 201 : 0;
		if (task == IDLE) {
			return new RobotState(IDLE, error, 0, 0, 1, battery);
		}
		double bedX = 4.0 * bed;
		if (inSlot < DRIVE_S) {
			return new RobotState(NAVIGATING, error, round(bedX * inSlot / DRIVE_S), 0, 2, battery);
		}
		return new RobotState(task, error, bedX, 6, Math.min(65_535, 100 + bed), battery);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
