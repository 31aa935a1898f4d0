/**
 * The node's release side wired from configuration: policy and rules files, posture, guard, labels and clearances.
 */
package org.kizuna.app.release;
