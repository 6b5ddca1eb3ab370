package org.ems.web.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.List;
import java.util.Optional;
import org.ems.money.application.FxService;
import org.ems.money.application.NoteCustody;
import org.ems.money.domain.Money;
import org.ems.network.application.NetworkService;
import org.ems.network.application.NetworkService.ModuleView;
import org.ems.security.domain.ModuleId;

/**
 * The portal's read-only view of a money module, over the network and money services: what a CSR
 * needs to answer a customer ("which module is this, is it on the network, what does it hold").
 * Only the {@code csr} role may call it (checked here as well as by the page constraint).
 */
@ApplicationScoped
public class ModuleLookupFacade {

    /** Most notes shown for one module (TIGER_STYLE); a module holds far fewer in practice. */
    static final int MAX_NOTES_SHOWN = 200;

    @Inject NetworkService network;
    @Inject FxService exchanges;
    @Inject NoteCustody custody;
    @Inject SecurityContext security;

    /** The module with this id, or nothing when no hosted module has it. */
    public Optional<ModuleLookup> lookUp(ModuleId id) {
        if (!security.isCallerInRole("csr")) {
            throw new SecurityException("the module lookup is for customer service representatives");
        }
        ModuleView view;
        try {
            view = network.moduleView(id);
        } catch (IllegalArgumentException noSuchModule) {
            return Optional.empty();
        }
        List<ModuleLookup.Balance> balances = exchanges.balances(id).values().stream()
                .map(m -> new ModuleLookup.Balance(m.currency().code(), m.amountMinor(), shown(m))).toList();
        List<ModuleLookup.HeldNoteLine> notes = custody.notes(id).stream().limit(MAX_NOTES_SHOWN)
                .map(h -> new ModuleLookup.HeldNoteLine(h.id().toString(), h.note().body().issuingBankId(), shown(h.remaining()),
                        h.transferCount(), h.expiresAt().toString()))
                .toList();
        return Optional.of(new ModuleLookup(view.id(), view.role(), view.signedOn(), view.networkServer(), view.keyLengthBits(),
                view.certificateExpiresAt().toString(), balances, notes));
    }

    static String shown(Money money) {
        return money.currency().code() + " " + money.toDecimal().toPlainString();
    }
}
