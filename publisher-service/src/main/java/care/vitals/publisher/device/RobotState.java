package care.vitals.publisher.device;

/**
 * What a care robot reports at one moment.
 *
 * @param task the task code (see {@link CareRobot})
 * @param error the error code, 0 for none
 * @param x metres east of the nurses' station
 * @param y metres north of the corridor
 * @param area the area code: 1 station, 2 corridor, 100 + bed number at a bed
 * @param battery battery charge, %
 */
public record RobotState(int task, int error, double x, double y, int area, double battery) {

}
