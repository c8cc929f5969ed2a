package care.vitals.ingest.clinical;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import care.vitals.ingest.pipeline.BatchWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drives time in the clinical engine: every tick evaluates alarm delays and no-data
 * timeouts; every republish period restates active alarms. What it produces goes through
 * the same writer as the data.
 */
@Component
class ClinicalScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClinicalScheduler.class);

	private final ClinicalEngine engine;

	private final ClinicalOutput output;

	private final BatchWriter writer;

	private final ClinicalProperties properties;

	private ScheduledExecutorService scheduler;

	ClinicalScheduler(ClinicalEngine engine, ClinicalOutput output, BatchWriter writer, ClinicalProperties properties) {
		this.engine = engine;
		this.output = output;
		this.writer = writer;
		this.properties = properties;
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> new Thread(task, "clinical-clock"));
		long tick = this.properties.tick().toMillis();
		long republish = this.properties.republish().toMillis();
		this.scheduler.scheduleAtFixedRate(() -> {
			submit(this.engine.tick());
			if (this.output.owns()) {
				expire();
			}
		}, tick, tick, TimeUnit.MILLISECONDS);
		this.scheduler.scheduleAtFixedRate(() -> submit(this.engine.restate()), republish, republish,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void expire() {
		try {
			submit(this.engine.expire());
		}
		catch (RuntimeException ex) {
			logger.warn("An expired limit override could not be ended yet (retried): " + ex.getMessage());
		}
	}

	private void submit(Outcome outcome) {
		try {
			this.writer.store(this.output.lines(outcome));
		}
		catch (RuntimeException ex) {
			logger.error("Clinical engine output not stored", ex);
		}
	}

}
