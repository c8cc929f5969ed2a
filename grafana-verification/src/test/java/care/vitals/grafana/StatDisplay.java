package care.vitals.grafana;

import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What a stat panel shows for the value of one of its queries, decided as Grafana decides
 * it: a fixed colour from an override of the query's frame (matcher
 * {@code byFrameRefID}), else the colour of the first value mapping that matches the
 * value (by value, the special "empty" for an empty text, or by regular expression), else
 * the thresholds.
 */
final class StatDisplay {

	private StatDisplay() {
	}

	/**
	 * Returns the colour of a value.
	 * @param panel the stat panel
	 * @param refId the query the value came from
	 * @param value the value as InfluxDB returned it
	 * @return the colour name, e.g. {@code red} or {@code transparent}
	 */
	static String colour(JsonNode panel, String refId, JsonNode value) {
		for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
			if ("byFrameRefID".equals(override.path("matcher").path("id").asString())
					&& refId.equals(override.path("matcher").path("options").asString())) {
				for (JsonNode property : override.path("properties")) {
					if ("color".equals(property.path("id").asString())
							&& "fixed".equals(property.path("value").path("mode").asString())) {
						return property.path("value").path("fixedColor").asString();
					}
				}
			}
		}
		JsonNode defaults = panel.path("fieldConfig").path("defaults");
		JsonNode result = mapping(defaults, value);
		if (result != null && !result.path("color").asString().isEmpty()) {
			return result.path("color").asString();
		}
		return ClinicalBandsTests.colour(defaults.path("thresholds"), value.asDouble());
	}

	/**
	 * Returns the text shown for a value: the text of its value mapping, else the value
	 * itself ({@code noValue} for none).
	 * @param panel the stat panel
	 * @param value the value as InfluxDB returned it, or a null node
	 * @return the text
	 */
	static String text(JsonNode panel, JsonNode value) {
		JsonNode defaults = panel.path("fieldConfig").path("defaults");
		if (value == null || value.isNull() || value.isMissingNode()) {
			return defaults.path("noValue").asString("No data");
		}
		JsonNode result = mapping(defaults, value);
		if (result != null && !result.path("text").isMissingNode()) {
			return result.path("text").asString();
		}
		return value.asString();
	}

	/** The result of the first mapping that matches, or {@code null}. */
	private static JsonNode mapping(JsonNode defaults, JsonNode value) {
		String text = value.asString();
		for (JsonNode mapping : defaults.path("mappings")) {
			JsonNode options = mapping.path("options");
			switch (mapping.path("type").asString()) {
				case "value" -> {
					if (!options.path(text).isMissingNode()) {
						return options.path(text);
					}
				}
				case "special" -> {
					if ("empty".equals(options.path("match").asString()) && text.isEmpty()) {
						return options.path("result");
					}
				}
				case "regex" -> {
					if (Pattern.compile(options.path("pattern").asString()).matcher(text).find()) {
						return options.path("result");
					}
				}
				default -> {
				}
			}
		}
		return null;
	}

}
