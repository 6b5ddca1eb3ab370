package org.ems.settlement.agents.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.agents.domain.WorkState;

/**
 * One part of a transfer (at most 16 currencies) an agent has to settle, as payer or receiver, in
 * its durable FIFO: the peer, the session, the amounts, what of them has been settled, its
 * {@link WorkState}, attempts made and failed, the settlement conversation of the current attempt
 * and how the last one ended. A part whose notes exceed one packet settles in several Settle FX,
 * each of what one packet carries: the receiver agrees to at most what is left, the payer sends
 * what its notes allow, and each side counts what its Settle FX moved. Invariants: settled never
 * exceeds the amounts; the state moves only along {@link WorkState}'s arrows; an item never leaves
 * DONE or FAILED_COMMIT, and leaves FAILED only by an operator's {@link #retried}.
 */
@Entity
@Table(name = "SETTLEMENT_AGENT_WORK", indexes = {
    @Index(name = "IX_SETTLEMENT_AGENT_WORK_AGENT", columnList = "agentId, openItem, sequenceNo"),
    @Index(name = "IX_SETTLEMENT_AGENT_WORK_CONV", columnList = "conversation")})
public class AgentWorkItem {

    /** The side of the Settle FX this agent takes. */
    public enum Direction { PAY, EXPECT }

    /** {@code <agent>/<cycle>/<ref with part>}. */
    @Id
    @Column(length = 80)
    private String itemKey;

    @Column(nullable = false, length = 11)
    private String agentId;

    @Column(nullable = false, length = 32)
    private String cycleId;

    @Column(nullable = false, length = 24)
    private String transferRef;

    @Column(nullable = false)
    private long sequenceNo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 6)
    private Direction direction;

    @Column(nullable = false, length = 11)
    private String peerId;

    @Column(nullable = false, length = 40)
    private String sessionId;

    /** The part's amounts ({@link AgentAmounts} text: currency notes, at most 16 currencies). */
    @Column(nullable = false, length = 600)
    private String amounts;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private WorkState state;

    /** Indexed copy of {@code state.isOpen()}. */
    @Column(nullable = false)
    private boolean openItem;

    @Column(nullable = false)
    private int attempts;

    /** Settle FX that failed; at {@link WorkState#MAX_ATTEMPTS} the part is FAILED. */
    @Column(nullable = false)
    private int failures;

    /** What of the amounts has been settled ({@link AgentAmounts} text, {@code -} for nothing yet). */
    @Column(nullable = false, length = 600)
    private String settled;

    /** The payer's current Settle FX: what it sends (one packet's worth of what is left). */
    @Column(length = 600)
    private String packet;

    /** A payer got READY_TO_RECEIVE for these amounts (its next attempt) while the current one still ran. */
    @Column(length = 600)
    private String readyAgain;

    @Column(length = 40)
    private String conversation;

    @Column(length = 24)
    private String lastOutcome;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected AgentWorkItem() {
        // for JPA
    }

    AgentWorkItem(AgentId agent, String cycle, TransferRef ref, long sequenceNo, Direction direction, AgentId peer,
                  ConversationId session, AgentAmounts amounts, Instant now) {
        this.itemKey = keyOf(agent, cycle, ref);
        this.agentId = agent.value();
        this.cycleId = cycle;
        this.transferRef = ref.encode();
        this.sequenceNo = sequenceNo;
        this.direction = direction;
        this.peerId = peer.value();
        this.sessionId = session.toString();
        if (amounts.isEmpty() || amounts.parts().size() != 1) {
            throw new IllegalArgumentException("a work item settles 1-" + SettlementAmounts.MAX_LINES + " amounts: " + amounts);
        }
        this.amounts = amounts.encode();
        this.settled = AgentAmounts.none().encode();
        this.updatedAt = now;
        move(direction == Direction.PAY ? WorkState.AWAITING_READY : WorkState.PENDING, now);
    }

    static String keyOf(AgentId agent, String cycle, TransferRef ref) {
        return agent.value() + "/" + cycle + "/" + ref.encode();
    }

    public AgentId agent() {
        return new AgentId(agentId);
    }

    public String cycle() {
        return cycleId;
    }

    public TransferRef ref() {
        return TransferRef.parse(transferRef).orElseThrow();
    }

    public Direction direction() {
        return direction;
    }

    public AgentId peer() {
        return new AgentId(peerId);
    }

    public ConversationId session() {
        return ConversationId.parse(sessionId);
    }

    public AgentAmounts amounts() {
        return AgentAmounts.decode(amounts);
    }

    /** What of the amounts has been settled so far. */
    public AgentAmounts settled() {
        return AgentAmounts.decode(settled);
    }

    /** What is left to settle (all of the amounts until a Settle FX of the part succeeds). */
    public AgentAmounts remaining() {
        return amounts().minus(settled());
    }

    /** What is left, as a Settle FX carries it (currency notes). */
    public SettlementAmounts remainingAmounts() {
        return remaining().parts().get(0);
    }

    /** The payer's running Settle FX sends these (none when not settling). */
    public AgentAmounts packet() {
        return packet == null ? AgentAmounts.none() : AgentAmounts.decode(packet);
    }

    public WorkState state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public int failures() {
        return failures;
    }

    public Optional<ConversationId> conversation() {
        return Optional.ofNullable(conversation).map(ConversationId::parse);
    }

    public Optional<String> lastOutcome() {
        return Optional.ofNullable(lastOutcome);
    }

    public long sequenceNo() {
        return sequenceNo;
    }

    /**
     * The payer's receiver agreed to at most {@code agreed}: settle when the module is free, if that is
     * what is left; while an attempt runs, what will be left after it (its receiver's side succeeded
     * first) or what is left now (its receiver's side failed first), settled right after it. False:
     * the state or the amounts do not allow it (nothing changed).
     */
    boolean readyToReceive(AgentAmounts agreed, Instant now) {
        require(direction == Direction.PAY, "only a payer is told to pay");
        switch (state) {
            case AWAITING_READY -> {
                if (!agreed.equals(remaining())) {
                    return false;
                }
                move(WorkState.READY, now);
            }
            case FAILED -> {
                // its receiver agreed again (an operator retried the receiver's side first): kept for the payer's retry
                if (!agreed.equals(remaining())) {
                    return false;
                }
                readyAgain = agreed.encode();
            }
            case SETTLING -> {
                AgentAmounts left = remaining();
                if (!agreed.equals(left) && !agreed.equals(left.minus(packet()))) {
                    return false;
                }
                readyAgain = agreed.encode();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The payer starts a Settle FX of {@code sent}, what one packet carries of what is left. */
    void settling(ConversationId settlement, AgentAmounts sent, Instant now) {
        require(direction == Direction.PAY && state == WorkState.READY, "settle from READY");
        remaining().minus(sent);
        attempts++;
        conversation = settlement.toString();
        packet = sent.encode();
        move(WorkState.SETTLING, now);
    }

    void agreed(Instant now) {
        require(direction == Direction.EXPECT && state == WorkState.PENDING, "agree from PENDING");
        attempts++;
        conversation = null;
        move(WorkState.AGREED, now);
    }

    /**
     * The Settle FX of the current attempt ended, having moved {@code moved} if it succeeded: DONE
     * once nothing is left, otherwise on to the next attempt.
     */
    void ended(ConversationId settlement, String outcome, boolean success, AgentAmounts moved, boolean failedCommit, Instant now) {
        require(state.holdsModule(), "end a running attempt");
        AgentAmounts settledNow = success ? settled().plus(moved) : settled();
        amounts().minus(settledNow);    // refuses more than the amounts, changing nothing
        conversation = settlement.toString();
        lastOutcome = outcome;
        String agreedNext = readyAgain;
        readyAgain = null;
        packet = null;
        settled = settledNow.encode();
        if (!success) {
            failures++;
        }
        if (success && remaining().isEmpty()) {
            move(WorkState.DONE, now);
        } else if (failedCommit && direction == Direction.EXPECT) {
            move(WorkState.FAILED_COMMIT, now);
        } else if (failures >= WorkState.MAX_ATTEMPTS) {
            move(WorkState.FAILED, now);
        } else if (direction == Direction.PAY) {
            move(remaining().encode().equals(agreedNext) ? WorkState.READY : WorkState.AWAITING_READY, now);
        } else {
            move(WorkState.PENDING, now);
        }
    }

    /**
     * The payer cannot pay (its module does not hold the amounts): left for an operator. Its receiver
     * stays agreed to what is left, so that agreement is kept for a retry ({@link #retried}).
     */
    void cannotPay(String reason, Instant now) {
        require(state == WorkState.READY, "fail a READY payment");
        lastOutcome = reason;
        readyAgain = remaining().encode();
        move(WorkState.FAILED, now);
    }

    /** The part has made as many attempts as a message can number: FAILED (ATTEMPT_LIMIT), before a next attempt starts. */
    void exhausted(Instant now) {
        require(state == WorkState.READY || state == WorkState.PENDING, "stop before an attempt (READY or PENDING)");
        require(attempts >= AgentMessage.MAX_ATTEMPT, "stop with attempts left");
        lastOutcome = "ATTEMPT_LIMIT";
        readyAgain = null;
        move(WorkState.FAILED, now);
    }

    /**
     * An operator retries this FAILED part: a payer goes back to AWAITING_READY (or READY, when its
     * receiver has agreed to what is left since the failure: READY_TO_RECEIVE kept while FAILED, or the
     * agreement of a receiver that stayed agreed because this payer could not pay), a receiver to
     * PENDING. Failures start again from 0 (the next {@link WorkState#MAX_ATTEMPTS} failures make it
     * FAILED again); attempts keep counting and settled stays: only what is left moves. Refused,
     * changing nothing: a part not FAILED (DONE; FAILED_COMMIT, a claim; an open part), and a part whose
     * attempts plus {@link WorkState#MAX_ATTEMPTS} would pass the message format's attempt numbers
     * ({@link AgentMessage#MAX_ATTEMPT}).
     */
    void retried(Instant now) {
        require(state == WorkState.FAILED, "be retried (only a FAILED part is)");
        if (attempts + WorkState.MAX_ATTEMPTS > AgentMessage.MAX_ATTEMPT) {
            throw new IllegalStateException("work item " + itemKey + " has made " + attempts + " attempts: " + WorkState.MAX_ATTEMPTS
                    + " more would pass attempt " + AgentMessage.MAX_ATTEMPT + " of the message format");
        }
        String agreed = readyAgain;
        readyAgain = null;
        failures = 0;
        if (direction == Direction.PAY) {
            move(remaining().encode().equals(agreed) ? WorkState.READY : WorkState.AWAITING_READY, now);
        } else {
            move(WorkState.PENDING, now);
        }
    }

    private void move(WorkState next, Instant now) {
        state = next;
        openItem = next.isOpen();
        updatedAt = now;
    }

    private void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("work item " + itemKey + " is " + direction + " " + state + ": cannot " + what);
        }
    }
}
