package care.vitals.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads what Mosquitto 2.0 holds for a client from its persistence file
 * ({@code mosquitto.db}, format version 6, written every second by
 * {@link MosquittoServer}): how many of the client's outgoing QoS 1/2 messages are sent
 * and waiting for their acknowledgement (in flight) and how many are queued. The broker
 * does not publish this per client; it is what tells whether it keeps to a client's
 * Receive Maximum.
 */
public final class MosquittoPersistence {

	private static final int HEADER = 15 + 4 + 4;

	private static final int CLIENT_MESSAGE = 3;

	/** {@code enum mosquitto_msg_direction}: to the client. */
	private static final int OUTGOING = 1;

	private MosquittoPersistence() {
	}

	/** Where an outgoing message of a client stands. */
	public enum State {

		/** Sent, waiting for PUBACK / PUBREC / PUBCOMP. */
		IN_FLIGHT,

		/** Waiting for room in the client's in-flight window. */
		QUEUED,

		/** Any other state (about to be sent). */
		OTHER

	}

	/**
	 * Counts a client's outgoing messages by state.
	 * @param broker the broker (its last autosave is read)
	 * @param clientId the client
	 * @return counts by state, every state present
	 * @throws IOException if the file cannot be read
	 */
	public static Map<State, Integer> outgoing(MosquittoServer broker, String clientId) throws IOException {
		Map<State, Integer> counts = new EnumMap<>(State.class);
		for (State state : State.values()) {
			counts.put(state, 0);
		}
		Path file = broker.configFile().resolveSibling("persistence").resolve("mosquitto.db");
		if (!Files.exists(file)) {
			return counts;
		}
		ByteBuffer db = ByteBuffer.wrap(Files.readAllBytes(file));
		db.position(HEADER);
		while (db.remaining() >= 8) {
			int chunk = db.order(ByteOrder.BIG_ENDIAN).getInt();
			int length = db.getInt();
			int body = db.position();
			if (chunk == CLIENT_MESSAGE) {
				// struct PF_client_msg: store id (8, host order), mid (2), id length (2),
				// qos, state, retain/dup, direction; then the client id
				db.position(body + 10);
				int idLength = Short.toUnsignedInt(db.getShort());
				int state = db.get(body + 13);
				int direction = db.get(body + 15);
				String id = new String(db.array(), body + 16, idLength, StandardCharsets.UTF_8);
				if (direction == OUTGOING && id.equals(clientId)) {
					counts.merge(state(state), 1, Integer::sum);
				}
			}
			db.position(body + length);
		}
		return counts;
	}

	/**
	 * {@code enum mosquitto_msg_state}: 3 wait for PUBACK, 5 PUBREC, 9 PUBCOMP, 11
	 * queued.
	 */
	private static State state(int code) {
		return switch (code) {
			case 3, 5, 9 -> State.IN_FLIGHT;
			case 11 -> State.QUEUED;
			default -> State.OTHER;
		};
	}

}
