/**
 * STANAG 4774-style confidentiality labels: categories, labels under one policy, the originator label and its alternatives, and their XML form.
 */
package org.kizuna.policy.label;
