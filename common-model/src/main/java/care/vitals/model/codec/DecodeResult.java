package care.vitals.model.codec;

/**
 * The result of decoding a measurement message: either every reading in it, or one
 * rejection for the whole message.
 * <p>
 * A message is all or nothing: if any part is bad (one implausible value among fifty, one
 * unknown parameter) the whole message is {@link Rejected}. The dead letter then keeps
 * the whole original payload and nothing is half-stored, so a fixed device can simply
 * resend it.
 */
public sealed interface DecodeResult permits Decoded, Rejected {

}
