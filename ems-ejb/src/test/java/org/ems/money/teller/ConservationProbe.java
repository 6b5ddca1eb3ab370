package org.ems.money.teller;

import java.util.Map;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.ModuleBook;
import org.ems.security.domain.ModuleId;

/** Test access for other packages' tests to {@link ConservationCheck}'s in-transit and failed-commit sums. */
public final class ConservationProbe {

    private ConservationProbe() {
    }

    public static Money inTransit(Map<ModuleId, ModuleBook> books, CurrencyCode currency) {
        return ConservationCheck.inTransit(books, currency);
    }

    public static Money lostInFailedCommits(Map<ModuleId, ModuleBook> books, CurrencyCode currency) {
        return ConservationCheck.lostInFailedCommits(books, currency);
    }
}
