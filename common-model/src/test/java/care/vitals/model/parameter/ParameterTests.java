package care.vitals.model.parameter;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParameterTests {

	/**
	 * Every accepted unit of every parameter: parameter, unit, value, expected stored.
	 */
	private static final String CONVERSIONS = """
			heart_rate,   /min,     72,      72
			heart_rate,   beat/min, 72,      72
			heart_rate,   1/min,    72,      72
			heart_rate,   1/s,      1.2,     72
			resp_rate,    /min,     16,      16
			resp_rate,    1/min,    16,      16
			resp_rate,    1/s,      0.25,    15
			spo2,         %,        97,      97
			spo2,         /,        0.97,    97
			temperature,  Cel,      36.8,    36.8
			temperature,  K,        310.15,  37
			temperature,  degF,     98.6,    37
			temperature,  [degF],   212,     100
			systolic_bp,  mm[Hg],   120,     120
			systolic_bp,  mmHg,     120,     120
			systolic_bp,  Pa,       13332.2, 100
			systolic_bp,  kPa,      13.3322, 100
			diastolic_bp, mm[Hg],   80,      80
			diastolic_bp, mmHg,     80,      80
			diastolic_bp, Pa,       133.322, 1
			diastolic_bp, kPa,      10.66576, 80
			mean_bp,      mm[Hg],   93,      93
			mean_bp,      mmHg,     93,      93
			mean_bp,      Pa,       1333.22, 10
			mean_bp,      kPa,      1.33322, 10
			glucose,      mg/dL,    90,      90
			glucose,      mmol/L,   5,       90.08
			battery,      %,        87,      87
			battery,      %EL,      87,      87
			position_x,   m,        24.3,    24.3
			position_y,   m,        -60.1,   -60.1
			position_area, 1,       12,      12
			robot_task,   1,        3,       3
			robot_error,  1,        0,       0
			""";

	@Test
	void definesTheCatalogueOfTheContract() {
		assertThat(Arrays.stream(Parameter.values()).map(Parameter::canonicalName)).containsExactly("heart_rate",
				"resp_rate", "spo2", "temperature", "systolic_bp", "diastolic_bp", "mean_bp", "glucose", "battery",
				"position_x", "position_y", "position_area", "robot_task", "robot_error");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", textBlock = """
			heart_rate,   /min,   8867-4, 0,  350
			resp_rate,    /min,   9279-1, 0,  100
			spo2,         %,      2708-6, 0,  100
			temperature,  Cel,    8310-5, 25, 46
			systolic_bp,  mm[Hg], 8480-6, 0,  300
			diastolic_bp, mm[Hg], 8462-4, 0,  250
			mean_bp,      mm[Hg], 8478-0, 0,  250
			glucose,      mg/dL,  2339-0, 0,  2000
			battery,      %,      null,   0,  100
			position_x,   m,      null,   -10000, 10000
			position_y,   m,      null,   -10000, 10000
			position_area, 1,     null,   0,  65535
			robot_task,   1,      null,   0,  65535
			robot_error,  1,      null,   0,  65535
			""")
	void hasStoredUnitLoincAndPlausibleRange(String name, String unit, String loinc, double min, double max) {
		Parameter parameter = Parameter.byName(name).orElseThrow();
		assertThat(parameter.storedUnit()).isEqualTo(unit);
		assertThat(parameter.acceptedUnits()).first().isEqualTo(unit);
		assertThat(parameter.loinc()).isEqualTo(loinc);
		assertThat(parameter.plausibleRange()).isEqualTo(new PlausibleRange(min, max));
	}

	@Test
	void acceptsTheUnitsOfTheContract() {
		assertThat(Parameter.HEART_RATE.acceptedUnits()).containsExactlyInAnyOrder("/min", "beat/min", "1/min", "1/s");
		assertThat(Parameter.RESP_RATE.acceptedUnits()).containsExactlyInAnyOrder("/min", "1/min", "1/s");
		assertThat(Parameter.SPO2.acceptedUnits()).containsExactlyInAnyOrder("%", "/");
		assertThat(Parameter.TEMPERATURE.acceptedUnits()).containsExactlyInAnyOrder("Cel", "K", "degF", "[degF]");
		for (Parameter bp : List.of(Parameter.SYSTOLIC_BP, Parameter.DIASTOLIC_BP, Parameter.MEAN_BP)) {
			assertThat(bp.acceptedUnits()).containsExactlyInAnyOrder("mm[Hg]", "mmHg", "Pa", "kPa");
		}
		assertThat(Parameter.GLUCOSE.acceptedUnits()).containsExactlyInAnyOrder("mg/dL", "mmol/L");
		assertThat(Parameter.BATTERY.acceptedUnits()).containsExactlyInAnyOrder("%", "%EL");
	}

	@Test
	void looksUpByCanonicalNameOnly() {
		assertThat(Parameter.byName("spo2")).contains(Parameter.SPO2);
		assertThat(Parameter.byName("SPO2")).isEmpty();
		assertThat(Parameter.byName("heart rate")).isEmpty();
		assertThat(Parameter.byName("")).isEmpty();
		assertThat(Parameter.byName(null)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(textBlock = CONVERSIONS)
	void convertsEveryAcceptedUnitToTheStoredUnit(String name, String unit, double value, double expected) {
		UnitConversion conversion = Parameter.byName(name).orElseThrow().conversion(unit).orElseThrow();
		assertThat(conversion.toStored(value)).isCloseTo(expected, within(1e-9));
		assertThat(conversion.fromStored(expected)).isCloseTo(value, within(1e-9));
	}

	@Test
	void conversionTableCoversEveryAcceptedUnit() {
		Set<String> covered = CONVERSIONS.lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> line.split(",")[0].trim() + " " + line.split(",")[1].trim())
			.collect(Collectors.toSet());
		for (Parameter parameter : Parameter.values()) {
			for (String unit : parameter.acceptedUnits()) {
				assertThat(covered).contains(parameter.canonicalName() + " " + unit);
			}
		}
	}

	@Test
	void treatsAbsentUnitAsStoredUnitAndRejectsOthers() {
		assertThat(Parameter.TEMPERATURE.conversion(null))
			.hasValueSatisfying((conversion) -> assertThat(conversion.unit()).isEqualTo("Cel"));
		assertThat(Parameter.TEMPERATURE.conversion("F")).isEmpty();
		assertThat(Parameter.TEMPERATURE.conversion("cel")).isEmpty();
		assertThat(Parameter.SPO2.conversion("%EL")).isEmpty();
		assertThat(Parameter.HEART_RATE.conversion("beats/min")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Parameter.class)
	void plausibleRangeIsInclusiveAtBothEnds(Parameter parameter) {
		PlausibleRange range = parameter.plausibleRange();
		assertThat(parameter.isPlausible(range.min())).isTrue();
		assertThat(parameter.isPlausible(range.max())).isTrue();
		assertThat(parameter.isPlausible(Math.nextDown(range.min()))).isFalse();
		assertThat(parameter.isPlausible(Math.nextUp(range.max()))).isFalse();
		assertThat(parameter.isPlausible(range.min() - 1)).isFalse();
		assertThat(parameter.isPlausible(range.max() + 1)).isFalse();
		assertThat(parameter.isPlausible(Double.NaN)).isFalse();
		assertThat(parameter.isPlausible(Double.POSITIVE_INFINITY)).isFalse();
	}

	@Test
	void codesMustBeWholeNumbers() {
		assertThat(Parameter.ROBOT_ERROR.isPlausible(17)).isTrue();
		assertThat(Parameter.ROBOT_ERROR.isPlausible(17.5)).isFalse();
		assertThat(Parameter.HEART_RATE.isPlausible(72.5)).isTrue();
	}

	@Test
	void formatsRangesWithoutNeedlessDecimals() {
		assertThat(Parameter.SPO2.plausibleRange()).hasToString("0-100");
		assertThat(Parameter.TEMPERATURE.plausibleRange()).hasToString("25-46");
		assertThat(new PlausibleRange(0.5, 1.25)).hasToString("0.5-1.25");
	}

}
