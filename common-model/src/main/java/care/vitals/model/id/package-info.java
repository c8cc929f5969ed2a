/**
 * Identifier syntax shared by devices, patients, wards, beds and subscription groups.
 */
package care.vitals.model.id;
