/** JMH benchmarks of notes, payments and foreign exchange (EMS issue 4), each beside its floor. */
package org.ems.bench.money;
