package org.ems.settlement.application;

/**
 * Where cycle state changes are announced (EMS.SETTLEMENT.NOTICES in the container). Called in
 * the transaction that made the change: the notice goes out exactly when the change commits.
 */
@FunctionalInterface
public interface SettlementNotices {

    void publish(CycleNotice notice);
}
