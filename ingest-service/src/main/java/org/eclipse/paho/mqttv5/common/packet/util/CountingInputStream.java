package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * Replaces Paho 1.2.5's class of this name (ours is first on the class path, in the jar's
 * {@code BOOT-INF/classes}): the same public API, plus reading many bytes at once.
 * <p>
 * Paho decodes every received packet through this stream. Its own version overrides only
 * {@code read()}, so a payload is copied one byte per call, each through the synchronised
 * {@code ByteArrayInputStream.read()}: the Paho receiver thread spent two thirds of its
 * time there in the drain benchmark (docs/benchmarks.md, issue #16), as much CPU as
 * decoding and scoring the message. Counting is unchanged: every byte read counts, end of
 * stream counts nothing. {@code PahoCountingStreamTests} checks that this class is the
 * one loaded and that Paho decodes publishes through it; it is our own code, written
 * against Paho's API (to be offered upstream), and goes when Paho reads in bulk.
 */
public class CountingInputStream extends InputStream {

	private final InputStream in;

	private int counter;

	/**
	 * @param inputStream the stream to read and count
	 */
	public CountingInputStream(InputStream inputStream) {
		this.in = inputStream;
	}

	@Override
	public int read() throws IOException {
		int b = this.in.read();
		if (b != -1) {
			this.counter++;
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = this.in.read(buffer, offset, length);
		if (n > 0) {
			this.counter += n;
		}
		return n;
	}

	/**
	 * @return the bytes read since the last reset
	 */
	public int getCounter() {
		return this.counter;
	}

	/** Sets the count back to zero. */
	public void resetCounter() {
		this.counter = 0;
	}

}
