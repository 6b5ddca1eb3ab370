package org.ems.money.teller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ems.bank.domain.BankId;
import org.ems.money.domain.CurrencyCode;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/** JPA store of the desks, teller operations, their bank requests and the money in circulation. */
@ApplicationScoped
public class TellerRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected TellerRepository() {
        // for CDI
    }

    public TellerRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<TellerDesk> desk(BankId bank) {
        return Optional.ofNullable(em.find(TellerDesk.class, bank.code()));
    }

    public List<TellerDesk> desks() {
        return em.createQuery("select d from TellerDesk d order by d.bankCode", TellerDesk.class).getResultList();
    }

    public void store(TellerDesk desk) {
        em.persist(desk);
    }

    public Optional<TellerOperationRecord> operation(String id) {
        return Optional.ofNullable(em.find(TellerOperationRecord.class, id));
    }

    public Optional<TellerOperationRecord> operation(ModuleId module, String idempotencyKey) {
        return em.createQuery("select o from TellerOperationRecord o where o.moduleId = :m and o.idempotencyKey = :k",
                        TellerOperationRecord.class)
                .setParameter("m", module.value()).setParameter("k", idempotencyKey)
                .getResultStream().findFirst();
    }

    public Optional<TellerOperationRecord> operationPaying(ConversationId payment) {
        String p = payment.toString();
        return em.createQuery("select o from TellerOperationRecord o where o.collectPayment = :p or o.payoutPayment = :p",
                        TellerOperationRecord.class)
                .setParameter("p", p).getResultStream().findFirst();
    }

    /** Operations waiting for a party to be free, oldest first. */
    public List<TellerOperationRecord> waitingFor(ModuleId party) {
        return em.createQuery("select o from TellerOperationRecord o where o.waiting = true and (o.tellerId = :p or o.moduleId = :p)"
                        + " order by o.createdAt", TellerOperationRecord.class)
                .setParameter("p", party.value()).getResultList();
    }

    /** Operations not yet in a final phase. */
    public List<TellerOperationRecord> inFlight() {
        return em.createQuery("select o from TellerOperationRecord o where o.phase in :phases order by o.createdAt",
                        TellerOperationRecord.class)
                .setParameter("phases", java.util.Arrays.stream(org.ems.money.protocol.TellerOperation.Phase.values())
                        .filter(p -> !p.isFinal()).toList())
                .getResultList();
    }

    public void store(TellerOperationRecord operation) {
        em.persist(operation);
    }

    public Optional<TellerBankRequest> bankRequest(UUID correlationId) {
        return Optional.ofNullable(em.find(TellerBankRequest.class, correlationId.toString()));
    }

    public void store(TellerBankRequest request) {
        em.persist(request);
    }

    /** The circulation totals of a bank and currency, created at zero on first use. */
    public MoneyCirculation circulation(BankId bank, CurrencyCode currency) {
        MoneyCirculation found = em.find(MoneyCirculation.class, MoneyCirculation.idOf(bank, currency));
        if (found != null) {
            return found;
        }
        MoneyCirculation created = new MoneyCirculation(bank, currency);
        em.persist(created);
        return created;
    }

    public List<MoneyCirculation> circulation() {
        return em.createQuery("select c from MoneyCirculation c order by c.id", MoneyCirculation.class).getResultList();
    }
}
