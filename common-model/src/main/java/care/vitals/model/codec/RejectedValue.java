package care.vitals.model.codec;

import java.time.Instant;
import java.util.Objects;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;

/**
 * One impossible value removed from an otherwise decoded measurement message (see
 * {@link DecodeResult}): the rest of the message is kept, this value alone is rejected.
 * <p>
 * A value is rejected alone if it is impossible (outside its parameter's
 * {@linkplain Parameter#plausibleRange() possible range} after unit conversion, not a
 * finite number, or a code that is not a whole number: reason
 * {@link RejectReason#IMPLAUSIBLE_VALUE}) or if its unit is not accepted for its
 * parameter ({@link RejectReason#UNSUPPORTED_UNIT}).
 *
 * @param parameter the parameter the value was sent for; never {@code null}
 * @param sent the value as sent, with the unit as sent (or the stored unit if none was
 * sent; no unit for the dimensionless {@code 1} or a non-finite value), e.g.
 * {@code 150.0 %}, {@code 76.0 degF}, {@code 98.6 F}, {@code Infinity}; bounded like
 * {@link Rejection#echo(String)} (at most {@value Rejection#MAX_ECHO_LENGTH} code points,
 * control characters replaced); never {@code null}
 * @param timestamp the resolved time of the reading (compact JSON) or record (SenML) the
 * value belonged to; never {@code null}
 * @param rejection the reason ({@code implausible_value} or {@code unsupported_unit}) and
 * the precise detail, e.g.
 * {@code parameter 'spo2' value 150.0 % outside plausible range 0-100} (SenML details
 * start with {@code record N: }); never {@code null}
 */
public record RejectedValue(Parameter parameter, String sent, Instant timestamp, Rejection rejection) {

	/**
	 * Validates the components and bounds {@code sent}.
	 */
	public RejectedValue {
		Objects.requireNonNull(parameter, "parameter");
		sent = Rejection.bound(Objects.requireNonNull(sent, "sent"));
		Objects.requireNonNull(timestamp, "timestamp");
		Objects.requireNonNull(rejection, "rejection");
	}

}
