package org.ems.settlement.application;

/**
 * The settlement cycles in one state, summed: how many, their positions to settle and how many of
 * those were paid in, paid out and failed (the figures operators' metrics show).
 */
public record CycleTotals(CycleState state, long cycles, long positionsToSettle, long paidIn, long paidOut, long failed) {

    public static CycleTotals none(CycleState state) {
        return new CycleTotals(state, 0, 0, 0, 0, 0);
    }
}
