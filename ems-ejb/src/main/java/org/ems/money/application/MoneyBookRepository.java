package org.ems.money.application;

import java.util.Optional;
import org.ems.security.domain.ModuleId;

/** The hosted modules' money books. */
public interface MoneyBookRepository {

    Optional<MoneyModuleBook> find(ModuleId module);

    void store(MoneyModuleBook book);

    /** Every module's book (for the conservation check). */
    java.util.List<MoneyModuleBook> all();
}
