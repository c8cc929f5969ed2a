package care.vitals.grafana;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Where the provisioned queries run: the InfluxDB database behind each datasource uid, as
 * set by the environment of the compose file ({@code INFLUX_DATABASE=vitals},
 * {@code INFLUX_OPS_DATABASE=ops}).
 */
final class Queries {

	static final Map<String, String> DATABASES = Map.of("vitals-influxql", "vitals", "ops-influxql", "ops");

	private Queries() {
	}

	static String database(JsonNode datasource) {
		return database(datasource.path("uid").asString());
	}

	static String database(String datasourceUid) {
		String database = DATABASES.get(datasourceUid);
		if (database == null) {
			throw new IllegalArgumentException("Unknown datasource " + datasourceUid);
		}
		return database;
	}

	/**
	 * The query of an InfluxDB annotation: {@code target.query}, or the legacy
	 * {@code query}.
	 */
	static String annotationQuery(JsonNode annotation) {
		String query = annotation.path("target").path("query").asString();
		return query.isBlank() ? annotation.path("query").asString() : query;
	}

}
