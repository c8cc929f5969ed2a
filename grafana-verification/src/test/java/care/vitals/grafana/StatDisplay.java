package care.vitals.grafana;

import tools.jackson.databind.JsonNode;

/**
 * The colour a stat panel gives the value of one of its queries, decided as Grafana
 * decides it: a fixed colour from an override of the query's frame (matcher
 * {@code byFrameRefID}), else the colour of a value mapping of the value's text, else the
 * thresholds.
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
		for (JsonNode mapping : defaults.path("mappings")) {
			JsonNode option = mapping.path("options").path(value.asString());
			if ("value".equals(mapping.path("type").asString()) && !option.isMissingNode()) {
				return option.path("color").asString();
			}
		}
		return ClinicalBandsTests.colour(defaults.path("thresholds"), value.asDouble());
	}

}
