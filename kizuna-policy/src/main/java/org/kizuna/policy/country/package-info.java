/**
 * The one country table: ISO 3166-1 alpha-3, numeric and names; coalition tetragraphs.
 */
package org.kizuna.policy.country;
