package org.ems.settlement.gross.domain;

/** Where an instruction's amounts come from (figure 25): one trade (gross, process 3006) or a pair's net amounts (bilateral, 3008). */
public enum SettlementBasis {
    GROSS,
    BILATERAL
}
