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
 * Proposals between a module and its peer in a session, for host applications: payee-initiated
 * payments (POS, figure 12: the payee proposes an amount, the payer's host confirms and the
 * payment starts: the payee expects it and the payer sends the notes, in one transaction) and
 * exchanges (figure 9: A proposes what it gives and takes, B's host confirms and the exchange
 * starts). Either may be rejected. Proposing with a key used before returns the first proposal;
 * confirming twice returns the same payment or exchange.
 */
@Stateless
public class Proposals {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,64}");

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject PaymentService payments;
    @Inject FxService exchanges;
    @Inject Clock clock;

    /** The payee asks its peer {@code payer} for {@code amount}. */
    public ProposalView propose(ModuleId payee, ConversationId session, ModuleId payer, Money amount, String key) {
        return create(payee, session, payer, amount, Optional.empty(), key);
    }

    /** Module A offers its peer B an exchange: A gives {@code give} and takes {@code take}. */
    public ProposalView proposeExchange(ModuleId a, ConversationId session, ModuleId b, Money give, Money take, String key) {
        if (give.currency().equals(take.currency()) || !take.isPositive()) {
            throw new IllegalArgumentException("an exchange gives and takes positive amounts of two currencies: " + give + ", " + take);
        }
        return create(a, session, b, give, Optional.of(take), key);
    }

    private ProposalView create(ModuleId proposer, ConversationId session, ModuleId answerer, Money amount, Optional<Money> take,
                                String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("an idempotency key of 1-64 printable characters is required");
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("an amount must be positive: " + amount);
        }
        Optional<Proposal> existing = em.createQuery(
                        "select p from Proposal p where p.proposerId = :m and p.idempotencyKey = :k", Proposal.class)
                .setParameter("m", proposer.value()).setParameter("k", key).getResultStream().findFirst();
        if (existing.isPresent()) {
            if (!existing.get().sameRequest(answerer, session, amount, take)) {
                throw new IllegalStateException("idempotency key " + key + " was used for a different request");
            }
            return ProposalView.of(existing.get());
        }
        ModuleId peer = payments.peerOf(proposer, session);
        if (!peer.equals(answerer)) {
            throw new IllegalArgumentException("the peer in session " + session + " is " + peer + ", not " + answerer);
        }
        Proposal proposal = new Proposal(UUID.randomUUID(), proposer, answerer, key, session, amount, take, clock.instant());
        em.persist(proposal);
        return ProposalView.of(proposal);
    }

    /** The proposals waiting for this module's answer. */
    public List<ProposalView> pending(ModuleId answerer) {
        return em.createQuery("select p from Proposal p where p.answererId = :m and p.state = :s order by p.createdAt",
                        Proposal.class)
                .setParameter("m", answerer.value()).setParameter("s", Proposal.State.PROPOSED)
                .getResultStream().map(ProposalView::of).toList();
    }

    public ProposalView confirm(ModuleId answerer, String id) {
        Proposal proposal = find(answerer, id);
        if (proposal.state() == Proposal.State.CONFIRMED) {
            return ProposalView.of(proposal);
        }
        if (proposal.kind() == Proposal.Kind.PAYMENT) {
            payments.expect(proposal.proposer(), proposal.session(), answerer, proposal.amount());
            proposal.confirmed(payments.pay(answerer, proposal.session(), proposal.amount()));
        } else {
            Money take = proposal.take().orElseThrow();
            exchanges.expect(answerer, proposal.session(), proposal.proposer(), take, proposal.amount());
            proposal.confirmed(exchanges.exchange(proposal.proposer(), proposal.session(), proposal.amount(), take));
        }
        return ProposalView.of(proposal);
    }

    public ProposalView reject(ModuleId answerer, String id) {
        Proposal proposal = find(answerer, id);
        if (proposal.state() != Proposal.State.REJECTED) {
            proposal.rejected();
        }
        return ProposalView.of(proposal);
    }

    private Proposal find(ModuleId answerer, String id) {
        Proposal proposal = em.find(Proposal.class, id);
        if (proposal == null || !proposal.answerer().equals(answerer)) {
            throw new IllegalArgumentException("no proposal " + id + " to module " + answerer);
        }
        return proposal;
    }

    /** A proposal: PAYMENT (proposer = payee, answerer = payer) or EXCHANGE (proposer = A giving amount, taking take; answerer = B). */
    public record ProposalView(String id, String kind, long proposer, long answerer, String session, Money amount, Money take,
                               String state, String conversation) {

        static ProposalView of(Proposal p) {
            return new ProposalView(p.id(), p.kind().name(), p.proposer().value(), p.answerer().value(), p.session().toString(),
                    p.amount(), p.take().orElse(null), p.state().name(), p.payment().map(ConversationId::toString).orElse(null));
        }
    }
}
