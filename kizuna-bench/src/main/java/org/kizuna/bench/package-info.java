/**
 * JMH benchmarks; each names its run command. Not part of the test run.
 */
package org.kizuna.bench;
