package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.Map;

import care.vitals.model.news2.FreshnessWindows;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClinicalLinesTests {

	private static final Instant TS = Instant.parse("2026-11-27T18:00:00.123Z");

	@Test
	void writesAScoreAsPointWouldWithEverySubScore() {
		PatientVitalsWindow window = new PatientVitalsWindow(FreshnessWindows.defaults());
		window.accept(Reading.of("mon-7", TS, Map.of(Parameter.HEART_RATE, 131.0, Parameter.SPO2, 91.0,
				Parameter.RESP_RATE, 22.0, Parameter.TEMPERATURE, 38.4, Parameter.SYSTOLIC_BP, 99.0)));
		News2Score score = window.score(TS, SpO2Scale.SCALE_1);
		String line = ClinicalLines.news2("p-1042", "ward-3", "12", score, null);
		assertThat(line).isEqualTo(pointLine("p-1042", "ward-3", "12", score));
		assertThat(line).startsWith("news2,bed=12,patient=p-1042,ward=ward-3 ")
			.contains("heart_rate_score=3i", "partial=true", "risk=\"high\"")
			.endsWith(" 1795802400123000000");
	}

	/**
	 * The line as influxdb-client-java's Point writes it (the previous implementation).
	 */
	private static String pointLine(String patient, String ward, String bed, News2Score score) {
		Point point = Point.measurement("news2")
			.addTag("patient", patient)
			.addTag("ward", ward)
			.addTag("bed", bed)
			.addField("score", (long) score.total())
			.addField("risk", score.risk().code())
			.addField("scale", (long) score.scale().number())
			.addField("partial", score.partial())
			.time(score.at(), WritePrecision.NS);
		for (News2Parameter parameter : News2Parameter.values()) {
			score.subScore(parameter).ifPresent((sub) -> point.addField(parameter.code() + "_score", (long) sub));
		}
		return point.toLineProtocol();
	}

}
