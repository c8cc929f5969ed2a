package care.vitals.model.codec;

import care.vitals.model.id.Identifiers;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;

/**
 * Internal control flow of the decoders: thrown deep inside, caught at the public entry
 * point and turned into a rejection. Never escapes this package.
 */
final class DecodeFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Rejection rejection;

	DecodeFailure(RejectReason reason, String detail) {
		super(null, null, false, false);
		this.rejection = new Rejection(reason, detail);
	}

	Rejection rejection() {
		return this.rejection;
	}

	static String requireDeviceId(String deviceId) {
		if (!Identifiers.isValid(deviceId)) {
			throw new DecodeFailure(RejectReason.INVALID_DEVICE_ID,
					"device id " + Rejection.echo(deviceId) + " is not 1-64 characters of [A-Za-z0-9._-]");
		}
		return deviceId;
	}

}
