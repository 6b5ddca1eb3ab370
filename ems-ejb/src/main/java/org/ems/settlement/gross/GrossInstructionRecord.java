package org.ems.settlement.gross;

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
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.gross.domain.AmountsText;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.InstructionPhase;
import org.ems.settlement.gross.domain.Notification;
import org.ems.settlement.gross.domain.SettlementBasis;
import org.ems.settlement.gross.domain.SettlementInstruction;
import org.ems.settlement.gross.domain.Side;

/**
 * One gross or bilateral settlement instruction (figure 28): its terms, keyed by the instruction
 * id (the idempotency key), its phase, the Settle Foreign Exchange conversation that carries it,
 * and what each CSA told its counterparty.
 *
 * <p>Invariants: the terms never change after the row is created; the phase only moves PENDING
 * -> SETTLING -> SUCCEEDED | FAILED or PENDING -> FAILED; each side is notified at most once, and
 * the phase is final exactly when both sides are notified (SUCCEEDED only if both were told
 * SUCCESS); a settlement conversation exists from SETTLING on.
 */
@Entity
@Table(name = "GROSS_SETTLEMENT_INSTRUCTION",
        indexes = {@Index(name = "IX_GROSS_SETTLEMENT_CONV", columnList = "settlement"),
                   @Index(name = "IX_GROSS_SETTLEMENT_DUE", columnList = "phase, settleAt"),
                   @Index(name = "IX_GROSS_SETTLEMENT_WAITING", columnList = "waiting")})
public class GrossInstructionRecord {

    private static final int MAX_REASON = 200;

    @Id
    @Column(length = InstructionId.MAX_LENGTH)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private SettlementBasis basis;

    @Column(nullable = false)
    private long moduleA;

    @Column(nullable = false)
    private long moduleB;

    @Column(nullable = false, length = 32)
    private String session;

    @Column(nullable = false, length = AmountsText.MAX_LENGTH)
    private String aSends;

    @Column(nullable = false, length = AmountsText.MAX_LENGTH)
    private String bSends;

    @Column(nullable = false)
    private Instant settleAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private InstructionPhase phase;

    @Column(length = 32)
    private String settlement;

    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private Notification notifiedA;

    @Column(length = MAX_REASON)
    private String reasonA;

    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private Notification notifiedB;

    @Column(length = MAX_REASON)
    private String reasonB;

    @Column(nullable = false)
    private Instant createdAt;

    /** True while PENDING after its settlement time because a CSA's module was in another payment, exchange or settlement. */
    private boolean waiting;

    private Instant decidedAt;

    private Instant finishedAt;

    @Version
    private long version;

    protected GrossInstructionRecord() {
        // for JPA
    }

    GrossInstructionRecord(SettlementInstruction instruction, Instant now) {
        this.id = instruction.id().value();
        this.basis = instruction.basis();
        this.moduleA = instruction.a().value();
        this.moduleB = instruction.b().value();
        this.session = instruction.session().toString();
        this.aSends = AmountsText.format(instruction.aSends());
        this.bSends = AmountsText.format(instruction.bSends());
        this.settleAt = instruction.settleAt();
        this.phase = InstructionPhase.PENDING;
        this.createdAt = now;
    }

    /** The terms as submitted (read back from the row: pair assertion with the constructor). */
    SettlementInstruction instruction() {
        return new SettlementInstruction(new InstructionId(id), basis, new ModuleId(moduleA), new ModuleId(moduleB),
                ConversationId.parse(session), AmountsText.parse(aSends), AmountsText.parse(bSends), settleAt);
    }

    InstructionPhase phase() {
        return phase;
    }

    Optional<ConversationId> settlement() {
        return Optional.ofNullable(settlement).map(ConversationId::parse);
    }

    Optional<Notification> notified(Side side) {
        return Optional.ofNullable(side == Side.A ? notifiedA : notifiedB);
    }

    Optional<String> reason(Side side) {
        return Optional.ofNullable(side == Side.A ? reasonA : reasonB);
    }

    Optional<Instant> decidedAt() {
        return Optional.ofNullable(decidedAt);
    }

    Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    boolean isWaiting() {
        return waiting;
    }

    /** At the settlement time a module was busy: the instruction stays PENDING until the module is free (or the wait ends). */
    void waitForModules() {
        requirePhase(InstructionPhase.PENDING);
        waiting = true;
    }

    /** Both CSAs ready: the modules started Settle Foreign Exchange as {@code conversation} (step 3144). */
    void settling(ConversationId conversation, Instant now) {
        requirePhase(InstructionPhase.PENDING);
        this.settlement = conversation.toString();
        this.phase = InstructionPhase.SETTLING;
        this.waiting = false;
        this.decidedAt = now;
    }

    /** A CSA was not ready at the settlement time: both counterparties are told it failed, nothing moved (step 3142). */
    void notReady(String reasonOfA, String reasonOfB, Instant now) {
        requirePhase(InstructionPhase.PENDING);
        this.decidedAt = now;
        this.waiting = false;
        notify(Side.A, Notification.FAILED, reasonOfA, now);
        notify(Side.B, Notification.FAILED, reasonOfB, now);
    }

    /**
     * Tells {@code side}'s counterparty the outcome (step 3146); once both sides are told the
     * instruction is final. Returns false (changing nothing) if the side was already told.
     */
    boolean notify(Side side, Notification notification, String reason, Instant now) {
        if (phase.isFinal() || notified(side).isPresent()) {
            return false;
        }
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        if (side == Side.A) {
            notifiedA = notification;
            reasonA = shortReason;
        } else {
            notifiedB = notification;
            reasonB = shortReason;
        }
        if (notifiedA != null && notifiedB != null) {
            phase = notifiedA == Notification.SUCCESS && notifiedB == Notification.SUCCESS ? InstructionPhase.SUCCEEDED
                    : InstructionPhase.FAILED;
            finishedAt = now;
        }
        return true;
    }

    private void requirePhase(InstructionPhase expected) {
        if (phase != expected) {
            throw new IllegalStateException("instruction " + id + " is " + phase + ", not " + expected);
        }
    }
}
