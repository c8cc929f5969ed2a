/**
 * Rejection reasons with stable codes, and rejections with bounded, readable details.
 */
package care.vitals.model.rejection;
