package care.vitals.ingest.station;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.storage.BoardLines;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.reading.Consciousness;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the ward board into InfluxDB every {@code ingest.station.snapshot} (5 s), so
 * that Grafana's ward overview shows what the board shows, with the engine's own
 * semantics rather than a second reading of the raw data: an empty bed as empty (also
 * right after a discharge), a newly admitted patient before any reading, NEWS2 with its
 * completeness and age, the vital signs in force, alarms raised and acknowledged counted
 * apart, and the status of every device of a bed. One {@code beds} line per bed and one
 * {@code bed_devices} line per device (docs/data-model.md). Only the owner of the
 * clinical output writes (docs/scaling.md), so two instances do not write twice.
 */
@Component
class BoardSnapshots implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(BoardSnapshots.class);

	private final WardBoard board;

	private final ClinicalEngine engine;

	private final ClinicalOutput output;

	private final BatchWriter writer;

	private final StationProperties properties;

	private final Clock clock;

	private ScheduledExecutorService scheduler;

	BoardSnapshots(WardBoard board, ClinicalEngine engine, ClinicalOutput output, BatchWriter writer,
			StationProperties properties, Clock clock) {
		this.board = board;
		this.engine = engine;
		this.output = output;
		this.writer = writer;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void start() {
		long every = this.properties.snapshot().toMillis();
		if (every <= 0) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "board-snapshots");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleAtFixedRate(this::write, every, every, TimeUnit.MILLISECONDS);
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

	/**
	 * After the writer it feeds (and stopped before it), before the inbound adapter
	 * (which connects last and disconnects first).
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1500;
	}

	private void write() {
		try {
			if (this.output.owns()) {
				write(Instant.now(this.clock), this.writer::store);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Ward board snapshot not written: " + ex);
		}
	}

	/**
	 * Beds written since the start, as {@code ward/bed}: a bed that leaves the board (not
	 * listed, its patient discharged) is written empty from then on, so the overview
	 * shows it empty rather than its last patient.
	 */
	private final Set<String> written = new TreeSet<>();

	/** Lines handed to the writer at a time. */
	static final int CHUNK = 500;

	/**
	 * Every bed of every ward at one instant, handed to {@code sink} (the writer) about
	 * {@value #CHUNK} lines at a time as the beds are built. Built whole, a board of
	 * 2,000 beds (the benchmark's) stayed reachable for the second or more it takes under
	 * load: every 5 s some 3-7 MB outlived the young collections and went to the old
	 * generation, which filled it and set off the full collections behind the latency
	 * tail (docs/benchmarks.md, twelfth round). In chunks, each bed's views and fields
	 * die young and the lines go to InfluxDB with the readings around them.
	 */
	synchronized void write(Instant at, Consumer<List<String>> sink) {
		Set<String> seen = new HashSet<>();
		Chunks chunks = new Chunks(sink);
		this.board.eachBed((bed) -> {
			seen.add(bed.ward() + "/" + bed.bed());
			chunks.add(BoardLines.bed(bed.ward(), bed.bed(), bedFields(bed), at));
			for (BedView.DeviceView device : bed.devices()) {
				Map<String, Object> fields = new LinkedHashMap<>();
				fields.put("status", device.status());
				fields.put("fault", device.fault());
				fields.put("offline", device.offline());
				fields.put("patient", device.patient());
				chunks.add(BoardLines.device(bed.ward(), bed.bed(), device.device(), fields, at));
			}
		});
		for (String gone : this.written) {
			if (!seen.contains(gone)) {
				String ward = gone.substring(0, gone.indexOf('/'));
				String bed = gone.substring(gone.indexOf('/') + 1);
				chunks.add(BoardLines.bed(ward, bed,
						bedFields(new BedView(ward, bed, List.of(), List.of(), null, List.of(), false)), at));
			}
		}
		chunks.flush();
		this.written.addAll(seen);
	}

	Map<String, Object> bedFields(BedView bed) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("occupied", !bed.empty());
		fields.put("listed", bed.listed());
		fields.put("patient", String.join(",", bed.patients()));
		News2View news2 = bed.news2();
		String status = bed.empty() ? "empty" : (news2 == null) ? "conflict" : news2.status();
		fields.put("news2_status", status);
		if (news2 != null && news2.score() != null) {
			fields.put("news2", news2.score().longValue());
		}
		fields.put("news2_shown", switch (status) {
			case "current" -> Integer.toString(news2.score());
			case "incomplete" -> "≥ " + news2.score();
			case "stale" -> news2.score() + " (old)";
			case "none" -> "no score";
			case "conflict" -> "two patients";
			default -> "";
		});
		fields.put("risk", switch (status) {
			case "current" -> news2.risk();
			case "incomplete" -> "partial";
			case "stale" -> "not current";
			case "none" -> "no score";
			case "conflict" -> "conflict";
			default -> "";
		});
		if (bed.patients().size() == 1) {
			vitals(this.engine.vitals(bed.patients().get(0)), fields);
		}
		for (String priority : List.of("high", "medium", "low")) {
			fields.put("raised_" + priority,
					bed.alarms()
						.stream()
						.filter((a) -> !a.indication() && !a.acknowledged() && a.priority().equals(priority))
						.count());
			fields.put("acknowledged_" + priority,
					bed.alarms()
						.stream()
						.filter((a) -> !a.indication() && a.acknowledged() && a.priority().equals(priority))
						.count());
		}
		fields.put("acknowledged", bed.alarms().stream().filter((a) -> !a.indication() && a.acknowledged()).count());
		fields.put("limits_changed", bed.alarms().stream().anyMatch(AlarmView::indication));
		fields.put("indications", String.join("; ",
				bed.alarms().stream().filter(AlarmView::indication).map(AlarmView::message).toList()));
		fields.put("devices", (long) bed.devices().size());
		fields.put("device_faults", bed.devices().stream().filter(BedView.DeviceView::fault).count());
		return fields;
	}

	private static void vitals(Map<News2Parameter, PatientVitalsWindow.Used> used, Map<String, Object> fields) {
		Instant newest = null;
		for (Map.Entry<News2Parameter, PatientVitalsWindow.Used> entry : used.entrySet()) {
			Object value = entry.getValue().value();
			String key = entry.getKey().code();
			if (value instanceof Double number) {
				fields.put(key, number);
			}
			else if (value instanceof Boolean oxygen) {
				fields.put(key, oxygen);
			}
			else if (value instanceof Consciousness level) {
				fields.put(key, level.name().toUpperCase(Locale.ROOT));
			}
			if (entry.getKey() == News2Parameter.HEART_RATE || entry.getKey() == News2Parameter.SPO2
					|| entry.getKey() == News2Parameter.RESP_RATE) {
				Instant at = entry.getValue().at();
				newest = (newest == null || at.isAfter(newest)) ? at : newest;
			}
		}
		if (newest != null) {
			fields.put("vitals_at", newest.toEpochMilli());
		}
	}

	/**
	 * Lines gathered and handed on {@value #CHUNK} at a time, each chunk a list of its
	 * own.
	 */
	private static final class Chunks {

		private final Consumer<List<String>> sink;

		private List<String> lines = new ArrayList<>(CHUNK);

		Chunks(Consumer<List<String>> sink) {
			this.sink = sink;
		}

		void add(String line) {
			this.lines.add(line);
			if (this.lines.size() >= CHUNK) {
				flush();
			}
		}

		void flush() {
			if (!this.lines.isEmpty()) {
				this.sink.accept(this.lines);
				this.lines = new ArrayList<>(CHUNK);
			}
		}

	}

}
