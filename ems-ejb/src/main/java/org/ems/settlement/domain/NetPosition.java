package org.ems.settlement.domain;

import java.util.Objects;
import org.ems.money.domain.Money;

/**
 * A counterparty's multilateral net position in one currency: positive, the netting agent pays it
 * (net credit); negative, it pays the netting agent (net debit).
 */
public record NetPosition(CounterpartyId counterparty, Money amount) {

    public NetPosition {
        Objects.requireNonNull(counterparty, "counterparty");
        Objects.requireNonNull(amount, "amount");
    }

    public boolean isDebit() {
        return amount.isNegative();
    }
}
