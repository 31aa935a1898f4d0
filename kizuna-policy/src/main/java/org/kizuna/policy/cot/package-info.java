/**
 * Labels in CoT events: the <code>__seclabel</code> detail and TAK's access, caveat and releasableTo attributes, both ways.
 */
package org.kizuna.policy.cot;
