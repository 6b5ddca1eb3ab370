/** Settlement over JMS: trade intake from EMS.SETTLEMENT.TRADES, cycle status notices on EMS.SETTLEMENT.NOTICES. */
package org.ems.jms.settlement;
