package org.ems.money.teller;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.money.domain.CurrencyCode;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * Opens a bank's EMS desk: a teller money module and a money generator, certified by a security
 * server and hosted on a network server, with the bank's clearing account per currency. The
 * teller still has to sign on (as any module) before modules can open sessions with it.
 */
@Stateless
public class DeskService {

    @Inject TellerRepository tellers;
    @Inject NetworkService network;

    public DeskView open(BankId bank, ModuleId securityServer, NetworkServerId networkServer, Map<CurrencyCode, AccountNumber> clearing) {
        if (tellers.desk(bank).isPresent()) {
            throw new IllegalStateException("bank " + bank + " has a desk already");
        }
        ModuleId teller = network.openModule(ModuleRole.TELLER, securityServer, networkServer).subjectId();
        ModuleId generator = network.openModule(ModuleRole.MONEY_GENERATOR, securityServer, networkServer).subjectId();
        TellerDesk desk = new TellerDesk(bank, teller, generator, clearing);
        tellers.store(desk);
        return DeskView.of(desk);
    }

    public List<DeskView> desks() {
        return tellers.desks().stream().map(DeskView::of).toList();
    }

    /** A desk as host applications see it: whom to open a session with for a withdrawal or deposit. */
    public record DeskView(String bank, long teller, long generator, Map<String, String> clearingAccounts) {

        static DeskView of(TellerDesk desk) {
            Map<String, String> accounts = new java.util.LinkedHashMap<>();
            desk.clearingAccounts().forEach((c, a) -> accounts.put(c.code(), a.toString()));
            return new DeskView(desk.bank().code(), desk.teller().value(), desk.generator().value(), accounts);
        }
    }
}
