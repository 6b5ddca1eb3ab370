package org.ems.settlement.domain;

import org.ems.crypto.StableCode;

/** The three ways of settling foreign exchange that the patent names (figure 23, steps 3006, 3008, 3010). */
public enum NettingMethod implements StableCode {
    /** Every trade's legs are paid one by one. */
    GROSS(1),
    /** The trades of each pair of counterparties are netted per currency; each pair settles its net. */
    BILATERAL(2),
    /** Each counterparty's trades are netted per currency against all others; the netting agent pays and is paid the nets. */
    MULTILATERAL(3);

    private final int code;

    NettingMethod(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
