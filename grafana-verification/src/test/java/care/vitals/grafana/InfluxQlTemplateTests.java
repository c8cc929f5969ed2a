package care.vitals.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies that queries are expanded the way Grafana 11 expands InfluxQL raw queries.
 */
class InfluxQlTemplateTests {

	private static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");

	@Test
	void insertsASingleValueVariableAsItIs() {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofHours(1), NOW)
			.with("ward", List.of("ward.a"), false);
		assertThat(template.expand("SELECT 1 FROM x WHERE \"ward\" = '$ward'"))
			.isEqualTo("SELECT 1 FROM x WHERE \"ward\" = 'ward.a'");
	}

	@Test
	void escapesAndJoinsTheValuesOfAMultiValueVariable() {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofHours(1), NOW)
			.with("bed", List.of("1", "2.b"), true);
		assertThat(template.expand("WHERE \"bed\" =~ /^$bed$/ AND \"x\" =~ /^${bed}$/"))
			.isEqualTo("WHERE \"bed\" =~ /^(1|2\\.b)$/ AND \"x\" =~ /^(1|2\\.b)$/");
	}

	@Test
	void escapesASingleSelectedValueOfAMultiValueVariableWithoutParentheses() {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofHours(1), NOW)
			.with("bed", List.of("1/2"), true);
		assertThat(template.expand("/^$bed$/")).isEqualTo("/^1\\/2$/");
	}

	@Test
	void insertsTheAllValueUnescaped() {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofHours(1), NOW).withAll("device", ".*");
		assertThat(template.expand("\"device\" =~ /^$device$/")).isEqualTo("\"device\" =~ /^.*$/");
	}

	@Test
	void replacesTheTimeFilterWithEpochMillisecondsLikeTheBackend() {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofMinutes(15), NOW);
		assertThat(template.expand("WHERE $timeFilter")).isEqualTo("WHERE time >= "
				+ NOW.minusSeconds(900).toEpochMilli() + "ms and time <= " + NOW.toEpochMilli() + "ms");
	}

	@Test
	void choosesTheIntervalFromTheRangeAndThePanelMinimum() {
		InfluxQlTemplate hour = InfluxQlTemplate.lastRange(Duration.ofHours(1), NOW);
		assertThat(hour.expand("GROUP BY time($__interval)")).isEqualTo("GROUP BY time(10s)");
		assertThat(hour.withMinInterval("1m").expand("time($__interval) $__interval_ms")).isEqualTo("time(1m) 60000");
		assertThat(InfluxQlTemplate.lastRange(Duration.ofHours(12), NOW).expand("$__interval")).isEqualTo("1m");
		assertThat(InfluxQlTemplate.lastRange(Duration.ofDays(7), NOW).expand("$__interval")).isEqualTo("15m");
	}

	@Test
	void refusesAQueryWithAnUnknownVariable() {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofHours(1), NOW);
		assertThatIllegalArgumentException().isThrownBy(() -> template.expand("WHERE \"ward\" =~ /^$ward$/"))
			.withMessageContaining("Unexpanded");
	}

}
