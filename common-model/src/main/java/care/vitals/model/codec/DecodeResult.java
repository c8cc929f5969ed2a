package care.vitals.model.codec;

/**
 * The result of decoding a measurement message: either its readings with any values
 * rejected one by one ({@link Decoded}), or one rejection for the whole message
 * ({@link Rejected}).
 * <p>
 * <strong>Per value</strong>: a value that is impossible (outside its parameter's
 * {@linkplain care.vitals.model.parameter.Parameter#plausibleRange() possible range}
 * after unit conversion, not a finite number, or a code that is not a whole number;
 * {@code implausible_value}) or whose unit is not accepted for its parameter
 * ({@code unsupported_unit}) is removed alone and reported as a {@link RejectedValue};
 * the rest of the message is decoded and kept. Why: the ranges are the possible extremes,
 * so a value outside them is a broken sensor, and one broken sensor must never silence
 * the other values of the same message. A profound desaturation (SpO2 45 % with heart
 * rate 135) is a patient and decodes fully; an SpO2 of 150 % next to a heart rate of 72
 * keeps the heart rate.
 * <p>
 * <strong>Whole message</strong>: anything structural still rejects the whole message
 * with one reason and nothing of it is kept except the dead letter: an invalid device id,
 * a payload too large, malformed JSON, a wrong JSON type, an invalid field (e.g.
 * {@code seq}, {@code consciousness}), an unknown parameter, a missing value, a timestamp
 * out of bounds, too many SenML records, invalid SenML (including the same parameter
 * twice at one time, even if one of the two values is impossible). Why: a message whose
 * structure is wrong cannot be trusted at all (which value belongs to which parameter,
 * time or device is unclear), and the dead letter keeps the original payload so a fixed
 * device can simply resend it.
 */
public sealed interface DecodeResult permits Decoded, Rejected {

}
