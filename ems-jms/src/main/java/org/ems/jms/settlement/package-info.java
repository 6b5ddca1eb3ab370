/** Settlement over JMS: trade intake from EMS.SETTLEMENT.TRADES, cycle status notices published on the topic space EMS.SETTLEMENT.CYCLES; the agents' hops in {@code agents}. */
package org.ems.jms.settlement;
