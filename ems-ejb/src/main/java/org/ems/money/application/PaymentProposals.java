package org.ems.money.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ems.money.domain.Money;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * Payee-initiated payments for host applications (POS, figure 12): the payee proposes an amount
 * to its peer in a session, the payer's host confirms (the payment starts: the payee expects it
 * and the payer sends the notes, in one transaction) or rejects. Proposing with a key used
 * before returns the first proposal; confirming twice returns the same payment.
 */
@Stateless
public class PaymentProposals {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,64}");

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject PaymentService payments;
    @Inject Clock clock;

    public ProposalView propose(ModuleId payee, ConversationId session, ModuleId payer, Money amount, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("an idempotency key of 1-64 printable characters is required");
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment must be positive: " + amount);
        }
        Optional<PaymentProposal> existing = em.createQuery(
                        "select p from PaymentProposal p where p.payeeId = :m and p.idempotencyKey = :k", PaymentProposal.class)
                .setParameter("m", payee.value()).setParameter("k", key).getResultStream().findFirst();
        if (existing.isPresent()) {
            if (!existing.get().sameRequest(payer, session, amount)) {
                throw new IllegalStateException("idempotency key " + key + " was used for a different request");
            }
            return ProposalView.of(existing.get());
        }
        ModuleId peer = payments.peerOf(payee, session);
        if (!peer.equals(payer)) {
            throw new IllegalArgumentException("the peer in session " + session + " is " + peer + ", not " + payer);
        }
        PaymentProposal proposal = new PaymentProposal(UUID.randomUUID(), payee, payer, key, session, amount, clock.instant());
        em.persist(proposal);
        return ProposalView.of(proposal);
    }

    /** The requests waiting for the payer's answer. */
    public List<ProposalView> pending(ModuleId payer) {
        return em.createQuery("select p from PaymentProposal p where p.payerId = :m and p.state = :s order by p.createdAt",
                        PaymentProposal.class)
                .setParameter("m", payer.value()).setParameter("s", PaymentProposal.State.PROPOSED)
                .getResultStream().map(ProposalView::of).toList();
    }

    public ProposalView confirm(ModuleId payer, String id) {
        PaymentProposal proposal = find(payer, id);
        if (proposal.state() == PaymentProposal.State.CONFIRMED) {
            return ProposalView.of(proposal);
        }
        payments.expect(proposal.payee(), proposal.session(), payer, proposal.amount());
        proposal.confirmed(payments.pay(payer, proposal.session(), proposal.amount()));
        return ProposalView.of(proposal);
    }

    public ProposalView reject(ModuleId payer, String id) {
        PaymentProposal proposal = find(payer, id);
        if (proposal.state() != PaymentProposal.State.REJECTED) {
            proposal.rejected();
        }
        return ProposalView.of(proposal);
    }

    private PaymentProposal find(ModuleId payer, String id) {
        PaymentProposal proposal = em.find(PaymentProposal.class, id);
        if (proposal == null || !proposal.payer().equals(payer)) {
            throw new IllegalArgumentException("no payment request " + id + " to module " + payer);
        }
        return proposal;
    }

    public record ProposalView(String id, long payee, long payer, String session, Money amount, String state, String payment) {

        static ProposalView of(PaymentProposal p) {
            return new ProposalView(p.id(), p.payee().value(), p.payer().value(), p.session().toString(), p.amount(), p.state().name(),
                    p.payment().map(ConversationId::toString).orElse(null));
        }
    }
}
