/** Gross and bilateral PvP settlement between two counterparty settlement agents (WO 97/19427 figure 28) over Settle Foreign Exchange, with stored outcomes and notifications. */
package org.ems.settlement.gross;
