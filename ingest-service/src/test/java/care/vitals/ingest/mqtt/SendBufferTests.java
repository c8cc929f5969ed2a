package care.vitals.ingest.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * {@link SendBuffer}: a quiet connection's packet goes out at once; packets flushed in
 * quick succession go out together, in order, none left behind; closing sends what is
 * gathered; a write that fails on the flusher fails the next call.
 */
class SendBufferTests {

	@Test
	void aPacketOnAQuietConnectionGoesOutAtOnce() throws IOException {
		Socket socket = new Socket();
		SendBuffer buffer = new SendBuffer(socket, "send-test");
		buffer.write(new byte[] { 0x40, 2, 0, 1 }, 0, 4);
		assertThat(socket.bytes()).isEmpty();
		buffer.flush();
		assertThat(socket.bytes()).containsExactly(0x40, 2, 0, 1);
		assertThat(socket.writes).isEqualTo(1);
		assertThat(buffer.isPending()).isFalse();
	}

	@Test
	void packetsFlushedInQuickSuccessionGoOutTogetherInOrderAndNoneIsLeftBehind() throws IOException {
		Socket socket = new Socket();
		SendBuffer buffer = new SendBuffer(socket, "send-test");
		int packets = 2000;
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		for (int i = 0; i < packets; i++) {
			// a PUBACK: type, length, packet id
			byte[] puback = { 0x40, 2, (byte) (i >> 8), (byte) i };
			buffer.write(puback, 0, puback.length);
			buffer.flush();
			expected.write(puback, 0, puback.length);
		}
		await().alias("the last packets sent by the flusher")
			.atMost(Duration.ofSeconds(5))
			.until(() -> socket.bytes().length == expected.size());
		assertThat(socket.bytes()).isEqualTo(expected.toByteArray());
		// one write per flush without gathering; one per 0.2 ms at most with it
		assertThat(socket.writes).as("writes for %d flushes", packets).isLessThan(packets / 4);
		assertThat(buffer.isPending()).isFalse();
	}

	@Test
	void closingSendsWhatIsGatheredFirst() throws IOException {
		Socket socket = new Socket();
		SendBuffer buffer = oneSentOneGathered(socket, "send-test");
		buffer.write(3);
		assertThat(socket.bytes()).containsExactly(1);
		assertThat(buffer.isPending()).isTrue();
		buffer.close();
		assertThat(socket.bytes()).containsExactly(1, 2, 3);
		assertThat(socket.closed).isTrue();
		assertThatIOException().isThrownBy(() -> buffer.write(4));
	}

	@Test
	void theFlusherThreadEndsWithTheConnection() throws Exception {
		Socket socket = new Socket();
		SendBuffer buffer = oneSentOneGathered(socket, "send-test-ends");
		Thread flusher = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("send-test-ends"))
			.findFirst()
			.orElseThrow();
		assertThat(flusher.isDaemon()).isTrue();
		buffer.close();
		flusher.join(5000);
		assertThat(flusher.isAlive()).as("the flusher thread after close").isFalse();
		assertThat(socket.bytes()).containsExactly(1, 2);
	}

	@Test
	void aPacketLargerThanTheBufferGoesThroughWhole() throws IOException {
		Socket socket = new Socket();
		SendBuffer buffer = new SendBuffer(socket, "send-test");
		byte[] large = new byte[SendBuffer.CAPACITY + 10];
		large[large.length - 1] = 7;
		buffer.write(1);
		buffer.write(large, 0, large.length);
		buffer.flush();
		assertThat(socket.bytes()).hasSize(large.length + 1).startsWith(1).endsWith(7);
	}

	@Test
	void aWriteThatFailsOnTheFlusherFailsThePahoSendersNextCall() throws IOException {
		Socket socket = new Socket();
		// a long linger: the second flush is certainly the flusher's
		SendBuffer buffer = new SendBuffer(socket, "send-test", Duration.ofMillis(500).toNanos());
		buffer.write(1);
		buffer.flush();
		socket.broken.set(true);
		buffer.write(2);
		buffer.flush();
		await().atMost(Duration.ofSeconds(5)).until(() -> !buffer.isPending());
		assertThatIOException().isThrownBy(() -> buffer.write(3)).withMessage("connection reset");
		assertThatIOException().isThrownBy(buffer::flush).withMessage("connection reset");
	}

	/**
	 * A buffer with a long linger that has sent 1 at once and gathered 2 behind it (its
	 * flusher thread started, waiting).
	 */
	private static SendBuffer oneSentOneGathered(Socket socket, String name) throws IOException {
		SendBuffer buffer = new SendBuffer(socket, name, Duration.ofSeconds(10).toNanos());
		buffer.write(1);
		buffer.flush();
		buffer.write(2);
		buffer.flush();
		return buffer;
	}

	/** A socket's output stream that counts its writes. */
	private static final class Socket extends OutputStream {

		private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

		private final AtomicBoolean broken = new AtomicBoolean();

		private volatile int writes;

		private volatile boolean closed;

		@Override
		public synchronized void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
			if (this.broken.get()) {
				throw new IOException("connection reset");
			}
			this.writes++;
			this.sent.write(bytes, offset, length);
		}

		@Override
		public void close() {
			this.closed = true;
		}

		synchronized byte[] bytes() {
			return this.sent.toByteArray();
		}

	}

}
