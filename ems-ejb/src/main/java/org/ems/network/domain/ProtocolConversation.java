package org.ems.network.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One party's side of one protocol run (a sign-on, a session), between steps: which party, which
 * protocol, its state (sealed at rest by the application: it holds keys), whether it has
 * settled and how, and when its peer's silence becomes a timeout. Each step loads it, runs one
 * domain step and stores it in one JTA transaction with the messages it sends; the version
 * column makes two concurrent steps of one party impossible (one rolls back and is redelivered).
 */
@Entity
@Table(name = "NET_CONVERSATION")
public class ProtocolConversation {

    /** Which protocol and which side of it (an FX or settlement party's side, A or B, is in its state). */
    public enum Protocol { MODULE_SIGN_ON, NETWORK_SERVER_SIGN_ON, SECURITY_SERVER_SIGN_ON, SESSION, PAYER, PAYEE, FX, SETTLE_FX }

    /** The conversation id and the party's address, e.g. {@code 0f3a...:M:123456} or {@code ...:N:ns-1}. */
    @Id
    @Column(name = "conversationKey", length = 120)
    private String key;

    @Column(nullable = false, length = 32)
    private String conversationId;

    @Column(nullable = false, length = 80)
    private String party;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Protocol protocol;

    @Lob
    @Column(nullable = false)
    private byte[] sealedState;

    @Enumerated(EnumType.STRING)
    @Column(length = 48)
    private Outcome outcome;

    @Column(nullable = false)
    private boolean settled;

    private Instant deadline;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ProtocolConversation() {
        // for JPA
    }

    public ProtocolConversation(ConversationId conversation, Address party, Protocol protocol, byte[] sealedState, Instant now) {
        this.key = keyOf(conversation, party);
        this.conversationId = conversation.toString();
        this.party = describe(party);
        this.protocol = protocol;
        this.sealedState = sealedState.clone();
        this.updatedAt = now;
    }

    public static String keyOf(ConversationId conversation, Address party) {
        return conversation + ":" + describe(party);
    }

    private static String describe(Address party) {
        return party instanceof ModuleAddress module ? "M:" + module.id().value() : "N:" + ((NetworkServerId) party).name();
    }

    public String key() {
        return key;
    }

    public ConversationId conversation() {
        return ConversationId.parse(conversationId);
    }

    /** The party whose side this is, parsed back from its description. */
    public Address party() {
        return party.startsWith("M:")
                ? new ModuleAddress(new org.ems.security.domain.ModuleId(Long.parseLong(party.substring(2))))
                : new NetworkServerId(party.substring(2));
    }

    public Protocol protocol() {
        return protocol;
    }

    public byte[] sealedState() {
        return sealedState.clone();
    }

    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    public boolean isSettled() {
        return settled;
    }

    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * Records a step: the new state, the outcome if it settled, and the deadline for the peer's
     * next message (none once settled: a settled party waits for nobody).
     */
    public void step(byte[] newSealedState, Optional<Outcome> newOutcome, boolean nowSettled, Optional<Instant> newDeadline, Instant now) {
        if (settled && !nowSettled) {
            throw new IllegalStateException("conversation " + key + " is settled and cannot reopen");
        }
        this.sealedState = newSealedState.clone();
        newOutcome.ifPresent(o -> this.outcome = o);
        this.settled = nowSettled;
        this.deadline = nowSettled ? null : newDeadline.orElse(null);
        this.updatedAt = now;
    }

    /** Whether a timer firing at {@code now} is the one for the current deadline (older timers are stale). */
    public boolean isDue(Instant now) {
        return !settled && deadline != null && !now.isBefore(deadline);
    }
}
