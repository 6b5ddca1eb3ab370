package org.ems.settlement.agents.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.ems.money.application.MoneyBookRepository;
import org.ems.money.application.NoteCustody;
import org.ems.money.application.PaymentSettled;
import org.ems.money.application.SettleFxService;
import org.ems.money.domain.Money;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.ProtocolConversation;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.AgentMessageKind;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.AgentRefusedException;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.agents.domain.WorkState;

/**
 * Each agent's durable FIFO of transfer parts to settle, and the handshake that runs their Settle
 * Foreign Exchanges one at a time per module: the payer announces a transfer (a message of its
 * host), the receiver agrees to at most what is left of the part ({@code SettleFxService.expectUpTo})
 * when its module is free and answers READY_TO_RECEIVE with it, the payer settles what one packet of
 * its notes carries of it ({@code SettleFxService.packet}) when its module is free; both count what
 * moved, and a part with something left goes round again. An agent's module is taken by at
 * most one item (AGREED or SETTLING); a payer's item waiting for READY takes nothing, so two agents
 * never wait on each other's announcement.
 *
 * <p>Choice of the next item when the module is free: the oldest READY payment first (its receiver
 * is waiting, agreed), then the oldest PENDING agreement, except that a parent does not agree to
 * receive from a child while it still has to pay that child: otherwise both could hold an
 * agreement for the other's payment and wait for ever. The {@link PaymentSettled} of every agent
 * module's settlement moves its item on (in the step's transaction) and starts the next.
 */
@ApplicationScoped
public class AgentWork {

    private static final Logger LOG = Logger.getLogger(AgentWork.class.getName());
    /**
     * How long a receiver's agreement waits for its payer: the payer settles only once its own module
     * is free (it may be working through other parts of the cycle), so the network's reply timeout
     * (the default lifetime) is far too short; two hours is a CLS settlement window.
     */
    static final Duration AGREEMENT_LIFETIME = Duration.ofHours(2);
    /** Outcomes with which a receiver's side ends at its first step (when the payer's amounts arrive). */
    private static final java.util.Set<PaymentOutcome> FIRST_STEP_FAILURES = java.util.EnumSet.of(PaymentOutcome.AMOUNTS_REFUSED,
            PaymentOutcome.INSUFFICIENT_FUNDS);

    @Inject AgentRepository agents;
    @Inject SettleFxService settlements;
    @Inject NoteCustody custody;
    @Inject MoneyBookRepository books;
    @Inject NetworkRepository network;
    @Inject AgentMessenger messenger;
    @Inject AgentSignatures signatures;
    @Inject Clock clock;
    @Inject MscAgent msc;
    @Inject MsaAgent msa;
    @Inject CsaAgent csa;

    /** Queues the payer's side of a transfer (one item per part) and runs what can run. */
    public void pay(SettlementAgentRecord self, String cycle, TransferRef transfer, AgentId peer, AgentAmounts amounts) {
        queue(self, cycle, transfer, AgentWorkItem.Direction.PAY, peer, amounts);
    }

    /** Queues the receiver's side of a transfer (one item per part) and runs what can run. */
    public void expect(SettlementAgentRecord self, String cycle, TransferRef transfer, AgentId peer, AgentAmounts amounts) {
        queue(self, cycle, transfer, AgentWorkItem.Direction.EXPECT, peer, amounts);
    }

    /**
     * A payment to {@code self} itself once the cycle SUCCEEDED (the MSC's payout to an MSA, an MSA's
     * credits to a CSA): refused unless it concerns {@code self}, {@code self} knows SUCCESS (its
     * {@code decisionFact}) and it was not announced before; then queued as a receipt.
     */
    public void expectPayout(SettlementAgentRecord self, AgentMessage m, String decisionFact) {
        TransferRef ref = m.ref().orElseThrow();
        AgentChecks.requireSubject(ref, self.id());
        AgentChecks.requireDecision(agents, self.id(), m.cycle(), decisionFact, AgentMessageKind.SUCCESS);
        AgentChecks.requireNotQueued(this, self.id(), m.cycle(), ref);
        expect(self, m.cycle(), ref, m.from(), m.amounts());
    }

    /** The items of a whole transfer, by part; empty if it was never queued. */
    public List<AgentWorkItem> parts(AgentId agent, String cycle, TransferRef transfer) {
        List<AgentWorkItem> parts = new ArrayList<>();
        for (int part = 1; part <= TransferRef.MAX_PARTS; part++) {
            Optional<AgentWorkItem> item = agents.work(agent, cycle, transfer.part(part));
            if (item.isEmpty()) {
                break;
            }
            parts.add(item.get());
        }
        return parts;
    }

    public boolean isDone(AgentId agent, String cycle, TransferRef transfer) {
        List<AgentWorkItem> parts = parts(agent, cycle, transfer);
        return !parts.isEmpty() && parts.stream().allMatch(p -> p.state() == WorkState.DONE);
    }

    /** READY_TO_RECEIVE for a part of a payment of {@code self}. */
    public void readyToReceive(SettlementAgentRecord self, AgentMessage message) {
        TransferRef ref = message.ref().orElseThrow();
        AgentWorkItem item = agents.work(self.id(), message.cycle(), ref)
                .orElseThrow(() -> new AgentRefusedException(AgentRefusal.UNKNOWN_TRANSFER, self.id() + " has no payment " + ref
                        + " in cycle " + message.cycle()));
        if (item.direction() != AgentWorkItem.Direction.PAY || !item.peer().equals(message.from())) {
            throw new AgentRefusedException(AgentRefusal.NOT_RELATED, ref + " of " + self.id() + " is not a payment to " + message.from());
        }
        if (item.state() == WorkState.AWAITING_READY || item.state() == WorkState.SETTLING || item.state() == WorkState.FAILED) {
            if (!item.readyToReceive(message.amounts(), clock.instant())) {
                throw new AgentRefusedException(AgentRefusal.WRONG_AMOUNTS, ref + " of " + self.id() + " has " + item.remaining()
                        + " left" + (item.state() == WorkState.SETTLING ? " (" + item.packet() + " being paid)" : "") + ", not "
                        + message.amounts());
            }
        } else {
            throw new AgentRefusedException(AgentRefusal.WRONG_STATE, ref + " of " + self.id() + " is " + item.state());
        }
        advance(self);
    }

    /** RETRY for a part of a receipt of {@code self}: the agent goes on (agrees again, or to its next item); a no-op if it already has. */
    public void retry(SettlementAgentRecord self, AgentMessage message) {
        TransferRef ref = message.ref().orElseThrow();
        AgentWorkItem item = agents.work(self.id(), message.cycle(), ref)
                .orElseThrow(() -> new AgentRefusedException(AgentRefusal.UNKNOWN_TRANSFER, self.id() + " expects no " + ref
                        + " in cycle " + message.cycle()));
        if (item.direction() != AgentWorkItem.Direction.EXPECT || !item.peer().equals(message.from())) {
            throw new AgentRefusedException(AgentRefusal.NOT_RELATED, ref + " of " + self.id() + " is no receipt from " + message.from());
        }
        if (!item.remaining().equals(message.amounts())) {
            throw new AgentRefusedException(AgentRefusal.WRONG_AMOUNTS, ref + " has " + item.remaining() + " left, not "
                    + message.amounts());
        }
        advance(self);
    }

    /** A settlement of a module ended: if it is an agent's, its item moves on and the agent's next item starts. */
    public void onPaymentSettled(@Observes PaymentSettled settled) {
        if (settled.side() != ProtocolConversation.Protocol.SETTLE_FX) {
            return;
        }
        Optional<SettlementAgentRecord> found = agents.findByModule(settled.module());
        if (found.isEmpty()) {
            return;
        }
        // No lock on the agent row here: this runs inside the module's payment step, which already holds the module's book;
        // the inbox locks the agent row first and reads the book after, so locking here could deadlock. Two steps of one agent
        // racing to start its next Settle FX collide on the book's version instead, and the loser is redelivered.
        SettlementAgentRecord self = found.get();
        Optional<AgentWorkItem> item = agents.workByConversation(self.id(), settled.payment())
                .filter(i -> i.state() == WorkState.SETTLING)
                .or(() -> agents.openWork(self.id()).stream().filter(i -> i.state() == WorkState.AGREED).findFirst());
        if (item.isEmpty()) {
            LOG.warning(() -> "settlement " + settled.payment() + " of agent " + self.id() + " matches no work item: " + settled.outcome());
            advance(self);
            return;
        }
        AgentWorkItem it = item.get();
        String outcome = settled.outcome().map(Enum::name).orElse("NONE");
        it.ended(settled.payment(), outcome, settled.isSuccess(), settled.isSuccess() ? moved(self, it, settled) : AgentAmounts.none(),
                settled.outcome().equals(Optional.of(PaymentOutcome.FAILED_COMMIT)), clock.instant());
        LOG.info(() -> "agent " + self.id() + " " + it.direction() + " " + it.ref() + " of cycle " + it.cycle() + ": " + outcome + " -> "
                + it.state());
        if (it.direction() == AgentWorkItem.Direction.PAY && !settled.isSuccess()) {
            // this attempt failed: on RETRY the receiver agrees again, or goes on with its next item if the part is FAILED
            // (it may already have, on its own side's failure: then RETRY changes nothing)
            SettlementAgentRecord peer = agents.find(it.peer()).orElseThrow();
            send(self, new AgentMessage(AgentMessageKind.RETRY, it.cycle(), self.role(), self.id(), peer.role(), peer.id(),
                    Optional.of(it.ref()), it.attempts(), it.remaining(), Optional.empty()));
        }
        if (it.direction() == AgentWorkItem.Direction.EXPECT && settled.outcome().filter(FIRST_STEP_FAILURES::contains).isPresent()) {
            // B's side ended at its first step: SettleFxSteps clears the module's agreement after this event, so agreeing
            // (again, or to the next item) now would be undone; the payer's RETRY, sent when its side ends, moves this agent on
            return;
        }
        if (it.state() == WorkState.FAILED) {
            host(self.role()).partFailed(self, it);
        }
        if (it.state() == WorkState.DONE) {
            TransferRef whole = it.ref().whole();
            List<AgentWorkItem> parts = parts(self.id(), it.cycle(), whole);
            if (parts.stream().allMatch(p -> p.state() == WorkState.DONE)) {
                AgentAmounts total = AgentAmounts.none();
                for (AgentWorkItem p : parts) {
                    total = total.plus(p.amounts());
                }
                host(self.role()).transferDone(self, it.cycle(), whole, it.direction(), total);
            }
        }
        advance(self);
    }

    /** What a successful Settle FX of the item moved: the payer's packet, or what the receiver's host confirmed. */
    private AgentAmounts moved(SettlementAgentRecord self, AgentWorkItem item, PaymentSettled settled) {
        if (item.direction() == AgentWorkItem.Direction.PAY) {
            return item.packet();
        }
        return AgentAmounts.of(settlements.settlement(self.module(), settled.payment()).orElseThrow().take());
    }

    /** Starts the agent's next item if its module is free. */
    public void advance(SettlementAgentRecord self) {
        List<AgentWorkItem> open = agents.openWork(self.id());
        if (open.stream().anyMatch(i -> i.state().holdsModule()) || inProtocol(self.module())) {
            return;
        }
        startNext(self, open);
        // parts this call left FAILED (cannot pay, attempts exhausted) go to their host once the choice is over: the host
        // may queue work (an MSA's refund), which advances this agent again, and must not find a stale list running
        for (AgentWorkItem item : open) {
            if (item.state() == WorkState.FAILED) {
                host(self.role()).partFailed(self, item);
            }
        }
    }

    private void startNext(SettlementAgentRecord self, List<AgentWorkItem> open) {
        for (AgentWorkItem item : open) {
            if (item.state() == WorkState.READY && startPayment(self, item)) {
                return;
            }
        }
        for (AgentWorkItem item : open) {
            if (item.state() == WorkState.PENDING && mayAgree(self, item, open) && agree(self, item)) {
                return;
            }
        }
    }

    /**
     * Whether the module is running a payment, exchange or settlement now. An agreement alone does not
     * count: no item of the agent holds the module, so an agreement still stored is one its payer ended
     * (e.g. AMOUNTS_REFUSED leaves it in place) and the next {@code expect} replaces it.
     */
    private boolean inProtocol(ModuleId module) {
        return books.find(module).flatMap(b -> b.activePayment()).isPresent();
    }

    private boolean startPayment(SettlementAgentRecord self, AgentWorkItem item) {
        if (!sessionUsable(item.session(), self.module())) {
            return false;
        }
        if (attemptsExhausted(self, item)) {
            return false;
        }
        for (Money amount : item.remaining().amounts()) {
            Money held = custody.balance(self.module(), amount.currency());
            if (held.compareTo(amount) < 0) {
                item.cannotPay("INSUFFICIENT_FUNDS", clock.instant());
                LOG.severe(() -> "agent " + self.id() + " cannot pay " + item.ref() + " of cycle " + item.cycle() + ": holds " + held
                        + ", owes " + amount);
                return false;
            }
        }
        // what one packet carries: settle refuses more notes than that, and a refusal here would undo the step that called this
        SettlementAmounts packet = settlements.packet(self.module(), item.remainingAmounts());
        if (packet.isEmpty()) {
            item.cannotPay("NO_NOTES", clock.instant());
            LOG.severe(() -> "agent " + self.id() + " cannot pay " + item.ref() + " of cycle " + item.cycle() + ": no notes for "
                    + item.remaining());
            return false;
        }
        ConversationId settlement = settlements.settle(self.module(), item.session(), packet, SettlementAmounts.none());
        item.settling(settlement, AgentAmounts.of(packet), clock.instant());
        return true;
    }

    private boolean mayAgree(SettlementAgentRecord self, AgentWorkItem item, List<AgentWorkItem> open) {
        boolean peerIsChild = agents.find(item.peer()).flatMap(SettlementAgentRecord::parent).filter(self.id()::equals).isPresent();
        return !peerIsChild || open.stream().noneMatch(i -> i.direction() == AgentWorkItem.Direction.PAY && i.peer().equals(item.peer()));
    }

    private boolean agree(SettlementAgentRecord self, AgentWorkItem item) {
        if (!sessionUsable(item.session(), self.module())) {
            return false;
        }
        if (attemptsExhausted(self, item)) {
            return false;
        }
        SettlementAgentRecord peer = agents.find(item.peer()).orElseThrow();
        settlements.expectUpTo(self.module(), item.session(), peer.module(), item.remainingAmounts(), AGREEMENT_LIFETIME);
        item.agreed(clock.instant());
        send(self, new AgentMessage(AgentMessageKind.READY_TO_RECEIVE, item.cycle(), self.role(), self.id(), peer.role(), peer.id(),
                Optional.of(item.ref()), item.attempts(), item.remaining(), Optional.empty()));
        return true;
    }

    /**
     * An attempt past the message format's numbers ({@link AgentMessage#MAX_ATTEMPT}) could not be
     * announced: its message would be refused at construction and roll back the step that started it
     * (possibly a settlement step of this module). The part is FAILED (ATTEMPT_LIMIT) instead, left for
     * an operator. Reached only by a part retried many times that still needs many packets.
     */
    private boolean attemptsExhausted(SettlementAgentRecord self, AgentWorkItem item) {
        if (item.attempts() < AgentMessage.MAX_ATTEMPT) {
            return false;
        }
        item.exhausted(clock.instant());
        LOG.severe(() -> "agent " + self.id() + " " + item.direction() + " " + item.ref() + " of cycle " + item.cycle() + ": "
                + item.attempts() + " attempts, the most a message numbers; FAILED with " + item.remaining() + " left");
        return true;
    }

    /** Whether the module's side of the session is established (a session that ended needs {@link AgentDirectory#connect}). */
    private boolean sessionUsable(ConversationId session, ModuleId module) {
        return network.findConversation(ProtocolConversation.keyOf(session, new ModuleAddress(module)))
                .filter(c -> c.protocol() == ProtocolConversation.Protocol.SESSION && c.isSettled())
                .flatMap(ProtocolConversation::outcome)
                .filter(o -> o == Outcome.SESSION_ESTABLISHED)
                .isPresent();
    }

    private void queue(SettlementAgentRecord self, String cycle, TransferRef transfer, AgentWorkItem.Direction direction, AgentId peer,
                       AgentAmounts amounts) {
        SettlementAgentRecord other = agents.find(peer).orElseThrow(() -> new IllegalStateException("no agent " + peer));
        ConversationId session = sessionBetween(self, other);
        Instant now = clock.instant();
        long sequence = agents.nextSequence(self.id());
        List<SettlementAmounts> parts = amounts.parts();
        for (int i = 0; i < parts.size(); i++) {
            AgentAmounts part = new AgentAmounts(parts.get(i).lines().stream().map(SettlementAmounts.Line::amount).toList());
            agents.store(new AgentWorkItem(self.id(), cycle, transfer.part(i + 1), sequence + i, direction, peer, session, part, now));
        }
        advance(self);
    }

    /** The session of the parent-child link between the two agents (the child's session to its parent). */
    private static ConversationId sessionBetween(SettlementAgentRecord self, SettlementAgentRecord other) {
        SettlementAgentRecord child = SettlementAgentRecord.childOf(self, other)
                .orElseThrow(() -> new IllegalStateException(self.id() + " and " + other.id() + " are not parent and child"));
        return child.parentSession().orElseThrow(() -> new IllegalStateException("agent " + child.id() + " has no session to its parent"));
    }

    public AgentHost host(AgentRole role) {
        return switch (role) {
            case MSC -> msc;
            case MSA -> msa;
            case CSA -> csa;
        };
    }

    /** Sends a message from {@code self} in the caller's transaction. */
    public void send(SettlementAgentRecord self, AgentMessageKind kind, String cycle, SettlementAgentRecord to, Optional<TransferRef> ref,
              AgentAmounts amounts, Optional<Instant> settlementTime) {
        send(self, new AgentMessage(kind, cycle, self.role(), self.id(), to.role(), to.id(), ref, 0, amounts, settlementTime));
    }

    /** Every message of every agent leaves here: signed by the sending agent's module, then handed to the messenger. */
    private void send(SettlementAgentRecord self, AgentMessage message) {
        messenger.send(signatures.sign(self, message));
    }
}
