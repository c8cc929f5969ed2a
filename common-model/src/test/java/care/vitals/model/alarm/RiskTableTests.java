package care.vitals.model.alarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import care.vitals.model.news2.News2Risk;
import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Verifies that the engine raises what the risk table says, that the table has the
 * priorities of issue #13 ({@code news2_single} medium, SpO2 below the critical limit
 * high), and that docs/clinical.md shows exactly the table of the defaults.
 */
class RiskTableTests {

	/**
	 * Verifies, for every default limit, that a value just beyond it held for the delay
	 * raises the kind and priority the table gives that value.
	 */
	@ParameterizedTest
	@EnumSource(value = Parameter.class, names = { "SPO2", "HEART_RATE", "RESP_RATE", "SYSTOLIC_BP", "TEMPERATURE" })
	void engineRaisesTheTablesPriorityJustBeyondEveryLimit(Parameter parameter) {
		ThresholdRule rule = AlarmRules.defaults().threshold(parameter).orElseThrow();
		List<String> checked = new ArrayList<>();
		for (Double limit : new Double[] { rule.criticalLow(), rule.low(), rule.high(), rule.criticalHigh() }) {
			if (limit == null) {
				continue;
			}
			boolean lowSide = limit.equals(rule.criticalLow()) || limit.equals(rule.low());
			double value = lowSide ? limit - 0.1 : limit + 0.1;
			LimitBreach breach = RiskTable.limitBreach(rule, value).orElseThrow();
			AlarmEngine engine = engine();
			feed(engine, parameter, value, 0, (int) rule.delay().toSeconds() + 1);
			assertThat(engine.active(BED_12.patient())).as(parameter + " at " + value)
				.extracting(Alarm::kind, Alarm::priority)
				.containsExactly(tuple(breach.kind(), breach.priority()));
			checked.add(breach.kind() + " " + breach.priority());
			assertThat(RiskTable.rows(AlarmRules.defaults()))
				.anySatisfy((row) -> assertThat(row.kind() + " " + row.priority())
					.isEqualTo(breach.kind() + " " + breach.priority()));
		}
		assertThat(checked).isNotEmpty();
	}

	/**
	 * Verifies that the kind-specific lifecycle policies are the table's: high-priority
	 * clinical alarms latch, technical alarms and indications do not; every alarm
	 * escalates except the {@code limit_changed} indication.
	 */
	@Test
	void latchingAndEscalationArePoliciesOfTheTable() {
		assertThat(RiskTable.latches(alarm(AlarmKinds.NEWS2_HIGH, AlarmPriority.HIGH))).isTrue();
		assertThat(RiskTable.latches(alarm("spo2_low", AlarmPriority.HIGH))).isTrue();
		assertThat(RiskTable.latches(alarm("spo2_low", AlarmPriority.MEDIUM))).isFalse();
		assertThat(RiskTable.latches(alarm(AlarmKinds.BATTERY_LOW, AlarmPriority.HIGH))).isFalse();
		assertThat(RiskTable.latches(alarm(AlarmKinds.STATE_UNRESTORED, AlarmPriority.HIGH))).isFalse();
		assertThat(RiskTable.latches(alarm(AlarmKinds.LIMIT_CHANGED, AlarmPriority.HIGH))).isFalse();
		assertThat(RiskTable.escalates(alarm(AlarmKinds.LIMIT_CHANGED, AlarmPriority.LOW))).isFalse();
		assertThat(RiskTable.escalates(alarm(AlarmKinds.SEQUENCE_GAP, AlarmPriority.LOW))).isTrue();
		assertThat(RiskTable.escalates(alarm(AlarmKinds.NEWS2_MEDIUM, AlarmPriority.MEDIUM))).isTrue();
	}

	private static Alarm alarm(String kind, AlarmPriority priority) {
		return new Alarm(kind + ".x.1", BED_12.patient(), BED_12.ward(), BED_12.bed(), null, priority, kind,
				AlarmState.RAISED, kind, null, Instant.parse("2026-12-01T08:00:00Z"));
	}

	@Test
	void spo2BelowTheCriticalLimitIsHighAndBelowTheOuterLimitMedium() {
		ThresholdRule spo2 = AlarmRules.defaults().threshold(Parameter.SPO2).orElseThrow();
		assertThat(RiskTable.limitBreach(spo2, 84.9)).contains(new LimitBreach("spo2_low", AlarmPriority.HIGH));
		assertThat(RiskTable.limitBreach(spo2, 85)).contains(new LimitBreach("spo2_low", AlarmPriority.MEDIUM));
		assertThat(RiskTable.limitBreach(spo2, 89.9)).contains(new LimitBreach("spo2_low", AlarmPriority.MEDIUM));
		assertThat(RiskTable.limitBreach(spo2, 90)).isEmpty();
		assertThat(RiskTable.limitBreach(spo2.withEnabled(false), 80)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(News2Risk.class)
	void engineRaisesTheTablesNews2KindAndPriority(News2Risk risk) {
		AlarmEngine engine = engine();
		List<AlarmTransition> transitions = engine.onScore(BED_12, switch (risk) {
			case LOW -> News2AlarmTests.complete(4, 0);
			case LOW_MEDIUM -> News2AlarmTests.singleThree(0);
			case MEDIUM -> News2AlarmTests.complete(5, 0);
			case HIGH -> News2AlarmTests.complete(7, 0);
		});
		assertThat(transitions.stream().map((t) -> t.alarm().kind()).findFirst()).isEqualTo(RiskTable.news2Kind(risk));
		assertThat(transitions.stream().map((t) -> t.alarm().priority()).findFirst())
			.isEqualTo(RiskTable.news2Priority(risk));
		assertThat(RiskTable.news2Kind(risk).flatMap(RiskTable::news2Risk))
			.isEqualTo((risk == News2Risk.LOW) ? Optional.empty() : Optional.of(risk));
	}

	@Test
	void aSingleParameterScoringThreeIsMediumPriority() {
		assertThat(RiskTable.news2Priority(News2Risk.LOW_MEDIUM)).contains(AlarmPriority.MEDIUM);
		assertThat(RiskTable.news2Priority(News2Risk.MEDIUM)).contains(AlarmPriority.MEDIUM);
		assertThat(RiskTable.news2Priority(News2Risk.HIGH)).contains(AlarmPriority.HIGH);
		assertThat(RiskTable.news2Priority(News2Risk.LOW)).isEmpty();
	}

	@Test
	void coloursFollowThePriorityTheRiskBandAndTheSubScore() {
		assertThat(RiskTable.colour(AlarmPriority.HIGH)).isEqualTo(RiskColour.RED);
		assertThat(RiskTable.colour(AlarmPriority.MEDIUM)).isEqualTo(RiskColour.YELLOW);
		assertThat(RiskTable.colour(AlarmPriority.LOW)).isEqualTo(RiskColour.BLUE);
		assertThat(List.of(News2Risk.values())).extracting(RiskTable::colour)
			.containsExactly(RiskColour.GREEN, RiskColour.YELLOW, RiskColour.ORANGE, RiskColour.RED);
		assertThat(List.of(0, 1, 2, 3)).extracting(RiskTable::subScoreColour)
			.containsExactly(RiskColour.GREEN, RiskColour.YELLOW, RiskColour.ORANGE, RiskColour.RED);
		assertThatIllegalArgumentException().isThrownBy(() -> RiskTable.subScoreColour(4));
		assertThat(RiskColour.ORANGE.code()).isEqualTo("orange");
	}

	@Test
	void kindsWithSeveralPrioritiesHaveNoSinglePriority() {
		assertThatIllegalArgumentException().isThrownBy(() -> RiskTable.priority(AlarmKinds.NEWS2_HIGH));
		assertThatIllegalArgumentException().isThrownBy(() -> RiskTable.priority(AlarmKinds.BATTERY_LOW));
		assertThatIllegalArgumentException().isThrownBy(() -> RiskTable.priority("spo2_low"));
	}

	@Test
	void everyRowIsColouredByItsPriority() {
		List<RiskRow> rows = RiskTable.rows(AlarmRules.defaults());
		assertThat(rows).allSatisfy((row) -> assertThat(row.colour()).isEqualTo(RiskTable.colour(row.priority())));
		assertThat(rows).extracting(RiskRow::kind)
			.contains(AlarmKinds.NEWS2_SINGLE, "spo2_low", AlarmKinds.DEVICE_OFFLINE, AlarmKinds.BATTERY_LOW);
		assertThat(RiskTable.rows(AlarmRules.defaults().withNews2Alarms(false))).extracting(RiskRow::kind)
			.doesNotContain(AlarmKinds.NEWS2_HIGH, AlarmKinds.NEWS2_MEDIUM, AlarmKinds.NEWS2_SINGLE);
	}

	/**
	 * Verifies that docs/clinical.md shows the table of the defaults, row for row, so the
	 * documented table cannot drift from the engine's.
	 */
	@Test
	void docsShowTheTableOfTheDefaults() throws IOException {
		String page = Files.readString(Path.of("..", "docs", "clinical.md"));
		StringBuilder table = new StringBuilder("| kind | condition | priority | colour | response |\n");
		table.append("|---|---|---|---|---|\n");
		for (RiskRow row : RiskTable.rows(AlarmRules.defaults())) {
			table.append("| `")
				.append(row.kind())
				.append("` | ")
				.append(row.condition())
				.append(" | ")
				.append(row.priority().name().toLowerCase(Locale.ROOT))
				.append(" | ")
				.append(row.colour().code())
				.append(" | ")
				.append(row.response())
				.append(" |\n");
		}
		assertThat(page).as("docs/clinical.md must contain, verbatim:\n" + table).contains(table);
	}

}
