/** Settlement times of gross and bilateral instructions as persistent EJB timers. */
package org.ems.settlement.gross.infrastructure;
