package org.ems.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.ems.bank.application.BankGateway;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRequest;
import org.ems.provider.domain.BankPosEndpoint;
import org.ems.provider.domain.BankPosRelay;
import org.ems.provider.domain.EmsBankTextFormat;
import org.ems.provider.domain.PosMessageFormat;
import org.ems.provider.domain.ProviderAccount;

/**
 * The transaction relay centre in the server: terminals hand it bank-POS messages in the relay's
 * format; it routes each to its bank through the {@link BankGateway} (in the caller's
 * transaction, so the message leaves exactly when the terminal's step commits). The banks it
 * reaches are those where the provider holds an account: a bank without one can take part in no
 * charge and no settlement.
 */
@ApplicationScoped
public class BankPosRelayService {

    private static final Logger LOG = Logger.getLogger(BankPosRelayService.class.getName());

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject
    BankGateway gateway;

    PosMessageFormat format = new EmsBankTextFormat();

    /** What a terminal does: encodes and hands one request to the relay centre; returns its bank. */
    public BankId send(BankRequest request) {
        BankId bank = relay().relay(format.encodeRequest(request));
        LOG.fine(() -> "relay routed " + request + " to bank " + bank);
        return bank;
    }

    private BankPosRelay relay() {
        Map<BankId, BankPosEndpoint> routes = new HashMap<>();
        for (ProviderAccount account : em.createQuery("select a from ProviderAccount a", ProviderAccount.class).getResultList()) {
            BankId bank = account.bank();
            routes.put(bank, request -> gateway.send(bank, request));
        }
        return new BankPosRelay(format, routes);
    }
}
