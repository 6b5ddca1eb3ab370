/** Gross and bilateral settlement instructions, their readiness check and the terms derived from trades or bilateral net positions (pure Java). */
package org.ems.settlement.gross.domain;
