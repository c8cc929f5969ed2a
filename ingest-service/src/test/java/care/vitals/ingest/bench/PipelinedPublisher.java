package care.vitals.ingest.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sustained load beyond what the Java load publisher offers on this machine (Paho, 10-12
 * k msg/s, CPU-bound) and what {@code mosquitto_pub} processes offer (one round trip and
 * two system calls per message: 16 of them took 0.6 of the 2 cores for 9,600 msg/s,
 * measured 2026-12-06). MQTT 3.1.1 QoS 1 publications written straight to
 * {@value #CONNECTIONS} sockets and pipelined: every {@value #TICK_MILLIS} ms the
 * messages due are written in one system call per connection, and a reader per connection
 * counts the PUBACKs. {@value #DEVICES} devices, each always on the same connection (in
 * order), each admitted to its own patient (every reading is scored). A message's device
 * time is the moment it was written, so the ingest's lag histogram measures from there to
 * durable. Benchmark load only: no reconnection, no retransmission (a lost connection
 * ends the run with an error).
 */
final class PipelinedPublisher implements AutoCloseable {

	/** Connections ({@code -Dbench.pipelined.connections}, default 4). */
	static final int CONNECTIONS = Integer.getInteger("bench.pipelined.connections", 4);

	static final int DEVICES = 16;

	static final int TICK_MILLIS = 2;

	private static final int PUBACK = 0x40;

	private final List<Socket> sockets = new ArrayList<>();

	private final List<OutputStream> outputs = new ArrayList<>();

	private final AtomicLong acked = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final MosquittoCommands commands;

	private final long[] sequence = new long[DEVICES];

	private final long[] lastMicros = new long[DEVICES];

	private final int[] packetIds = new int[CONNECTIONS];

	/** Each device's topic, encoded once. */
	private final byte[][] topics = new byte[DEVICES][];

	PipelinedPublisher(String brokerUrl) throws IOException {
		this.commands = new MosquittoCommands(brokerUrl);
		for (int i = 0; i < DEVICES; i++) {
			this.topics[i] = ("devices/" + deviceId(i) + "/measurements").getBytes(StandardCharsets.UTF_8);
		}
		for (int i = 0; i < CONNECTIONS; i++) {
			Socket socket = new Socket(this.commands.host(), this.commands.port());
			socket.setTcpNoDelay(true);
			OutputStream output = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
			output.write(connect("bench-pipelined-" + i));
			output.flush();
			// buffered: the acknowledgements arrive a few bytes each, thousands a second
			DataInputStream input = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
			byte[] connack = new byte[4];
			input.readFully(connack);
			if (connack[0] != 0x20 || connack[3] != 0) {
				socket.close();
				throw new IOException("the broker refused the connection: return code " + connack[3]);
			}
			this.sockets.add(socket);
			this.outputs.add(output);
			Thread reader = new Thread(() -> countAcknowledgements(input), "bench-pipelined-acks-" + i);
			reader.setDaemon(true);
			reader.start();
		}
	}

	private static final String PREFIX = "paced-";

	static String deviceId(int device) {
		return PREFIX + device;
	}

	void admit(Instant since) throws IOException, InterruptedException {
		this.commands.admit(PREFIX, DEVICES, "ward-paced", since);
	}

	/**
	 * Offers {@code rate} messages/s for {@code seconds}, then waits until the broker
	 * acknowledged every one; returns the messages acknowledged.
	 */
	long run(int rate, int seconds) throws IOException, InterruptedException {
		long before = this.acked.get();
		long total = (long) rate * seconds;
		long written = 0;
		long start = System.nanoTime();
		StringBuilder payload = new StringBuilder(256);
		while (written < total) {
			long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate));
			boolean[] dirty = new boolean[CONNECTIONS];
			for (; written < due; written++) {
				int device = (int) (written % DEVICES);
				int connection = device % CONNECTIONS;
				payload.setLength(0);
				MosquittoCommands.appendMessage(payload, deviceTime(device), this.sequence[device]++);
				payload.setLength(payload.length() - 1);
				this.outputs.get(connection).write(publish(device, connection, payload));
				dirty[connection] = true;
			}
			for (int i = 0; i < CONNECTIONS; i++) {
				if (dirty[i]) {
					this.outputs.get(i).flush();
				}
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
		}
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (this.acked.get() - before < total) {
			if (this.failures.get() > 0 || System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"the broker acknowledged " + (this.acked.get() - before) + " of " + total + " publications");
			}
			Thread.sleep(10);
		}
		return total;
	}

	@Override
	public void close() throws IOException {
		for (int i = 0; i < CONNECTIONS; i++) {
			this.outputs.get(i).write(new byte[] { (byte) 0xE0, 0 });
			this.outputs.get(i).flush();
			this.sockets.get(i).close();
		}
	}

	private void countAcknowledgements(DataInputStream input) {
		try {
			while (true) {
				int type = input.readUnsignedByte();
				int length = remainingLength(input);
				input.skipNBytes(length);
				if ((type & 0xF0) == PUBACK) {
					this.acked.incrementAndGet();
				}
			}
		}
		catch (IOException ex) {
			// closed by close(), or lost: a run waiting for acknowledgements then fails
			this.failures.incrementAndGet();
		}
	}

	/** Now, to the microsecond, after the device's previous message: one point each. */
	private Instant deviceTime(int device) {
		Instant now = Instant.now();
		long micros = Math.max(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, this.lastMicros[device] + 1);
		this.lastMicros[device] = micros;
		return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
	}

	private byte[] publish(int device, int connection, CharSequence payload) {
		byte[] topic = this.topics[device];
		byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
		int id = this.packetIds[connection] % 0xFFFF + 1;
		this.packetIds[connection] = id;
		Frame frame = new Frame(0x32, 2 + topic.length + 2 + body.length);
		frame.string(topic).u16(id).bytes(body);
		return frame.bytes;
	}

	/** CONNECT, MQTT 3.1.1, clean session, no keep-alive (the run is short). */
	private static byte[] connect(String clientId) {
		byte[] protocol = "MQTT".getBytes(StandardCharsets.US_ASCII);
		byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
		Frame frame = new Frame(0x10, 2 + protocol.length + 1 + 1 + 2 + 2 + id.length);
		frame.string(protocol).u8(4).u8(0x02).u16(0).string(id);
		return frame.bytes;
	}

	private static int remainingLength(InputStream input) throws IOException {
		int value = 0;
		for (int shift = 0; shift < 28; shift += 7) {
			int b = input.read();
			if (b < 0) {
				throw new IOException("connection closed");
			}
			value |= (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new IOException("malformed remaining length");
	}

	/** An MQTT control packet: fixed header, then what is appended. */
	private static final class Frame {

		final byte[] bytes;

		private int at;

		Frame(int type, int remaining) {
			int lengthBytes = (remaining < 128) ? 1 : (remaining < 16_384) ? 2 : 3;
			this.bytes = new byte[1 + lengthBytes + remaining];
			u8(type);
			int length = remaining;
			do {
				int b = length % 128;
				length /= 128;
				u8((length > 0) ? b | 0x80 : b);
			}
			while (length > 0);
		}

		Frame u8(int value) {
			this.bytes[this.at++] = (byte) value;
			return this;
		}

		Frame u16(int value) {
			return u8(value >> 8).u8(value & 0xFF);
		}

		Frame string(byte[] value) {
			return u16(value.length).bytes(value);
		}

		Frame bytes(byte[] value) {
			System.arraycopy(value, 0, this.bytes, this.at, value.length);
			this.at += value.length;
			return this;
		}

	}

}
