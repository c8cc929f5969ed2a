/**
 * The shared vocabulary of the platform: parameters, readings, topics, codecs and scores.
 */
package care.vitals.model;
