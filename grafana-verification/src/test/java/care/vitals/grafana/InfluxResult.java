package care.vitals.grafana;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The answer of InfluxDB 1.x {@code /query} to one statement. A statement error comes
 * back with HTTP 200 and {@code "error"} inside {@code results}: {@link #error()}.
 *
 * @param error the statement's error, or null
 * @param series the series returned (none when the query matched no data)
 */
record InfluxResult(String error, List<Series> series) {

	static InfluxResult parse(String body) {
		JsonNode root = GrafanaFiles.JSON.readTree(body);
		if (root.has("error")) {
			return new InfluxResult(root.path("error").asString(), List.of());
		}
		JsonNode results = root.path("results");
		if (results.size() != 1) {
			return new InfluxResult("expected 1 result, got " + results.size() + ": " + body, List.of());
		}
		JsonNode result = results.get(0);
		if (result.has("error")) {
			return new InfluxResult(result.path("error").asString(), List.of());
		}
		List<Series> series = new ArrayList<>();
		for (JsonNode node : result.path("series")) {
			Map<String, String> tags = new LinkedHashMap<>();
			node.path("tags").forEachEntry((key, value) -> tags.put(key, value.asString()));
			List<String> columns = new ArrayList<>();
			node.path("columns").forEach((column) -> columns.add(column.asString()));
			List<List<JsonNode>> rows = new ArrayList<>();
			for (JsonNode row : node.path("values")) {
				List<JsonNode> values = new ArrayList<>();
				row.forEach(values::add);
				rows.add(values);
			}
			series.add(new Series(node.path("name").asString(), tags, columns, rows));
		}
		return new InfluxResult(null, series);
	}

	/** Whether any row holds a non-null value in a column other than {@code time}. */
	boolean hasData() {
		return this.series.stream().anyMatch(Series::hasData);
	}

	/**
	 * One series: a measurement and a set of tag values.
	 *
	 * @param name the measurement
	 * @param tags the GROUP BY tag values
	 * @param columns the columns, {@code time} first
	 * @param rows the rows
	 */
	record Series(String name, Map<String, String> tags, List<String> columns, List<List<JsonNode>> rows) {

		boolean hasData() {
			for (List<JsonNode> row : this.rows) {
				for (int i = 0; i < row.size(); i++) {
					if (!"time".equals(this.columns.get(i)) && !row.get(i).isNull()) {
						return true;
					}
				}
			}
			return false;
		}

		/** The numbers of the first value column, nulls skipped (what Grafana plots). */
		List<Double> numbers() {
			List<Double> numbers = new ArrayList<>();
			int column = (this.columns.get(0).equals("time")) ? 1 : 0;
			for (List<JsonNode> row : this.rows) {
				JsonNode value = row.get(column);
				if (value.isNumber()) {
					numbers.add(value.asDouble());
				}
			}
			return numbers;
		}

		/** The values of one column as text. */
		List<String> column(String column) {
			int index = this.columns.indexOf(column);
			List<String> values = new ArrayList<>();
			if (index >= 0) {
				for (List<JsonNode> row : this.rows) {
					values.add(row.get(index).isNull() ? null : row.get(index).asString());
				}
			}
			return values;
		}

	}

}
