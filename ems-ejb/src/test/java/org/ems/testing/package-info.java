/** Test utilities shared by every context: a hand-moved clock, and the JTA harness in {@code jta}. */
package org.ems.testing;
