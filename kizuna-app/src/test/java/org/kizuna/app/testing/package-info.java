/**
 * Test fixtures shared by kizuna-app's tests.
 */
package org.kizuna.app.testing;
