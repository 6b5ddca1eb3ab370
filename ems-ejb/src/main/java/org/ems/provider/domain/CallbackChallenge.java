package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.ems.bank.domain.AssignedTerminal;

/**
 * A callback challenge as the provider host keeps it. The host "hangs up and calls the terminal
 * back" at the terminal it registered (never at whoever asked) with a fresh random nonce; the
 * terminal answers with the HMAC of the call under the key provisioned at registration.
 *
 * <p>Invariants: a challenge is answered at most once: its first answer, right or wrong, moves it
 * out of PENDING for good (so a wrong answer cannot be retried against it, and a right one cannot be
 * replayed); it is accepted only before {@code expiresAt}, only from its terminal, for its purpose
 * and subject; the comparison is constant-time. The state change of a refused answer is the one
 * refusal that is recorded: the caller commits it.
 */
@Entity
@Table(name = "PROVIDER_CALLBACK_CHALLENGE")
public class CallbackChallenge {

    /** Long enough to dial a terminal back and let it answer; short enough that a stolen challenge is stale. */
    public static final Duration TTL = Duration.ofMinutes(2);

    public enum State {
        PENDING, AUTHENTICATED, REFUSED
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 32)
    private String terminalId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CallbackPurpose purpose;

    @Column(nullable = false, length = 64)
    private String subject;

    @Column(nullable = false, length = CallbackCall.NONCE_BYTES)
    private byte[] nonce;

    @Column(nullable = false)
    private Instant issuedAt;

    @Column(nullable = false)
    private Instant expiresAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    protected CallbackChallenge() {
        // for JPA
    }

    private CallbackChallenge(UUID id, String terminalId, CallbackPurpose purpose, String subject, byte[] nonce, Instant now) {
        this.id = id.toString();
        this.terminalId = terminalId;
        this.purpose = purpose;
        this.subject = subject;
        this.nonce = nonce;
        this.issuedAt = now;
        this.expiresAt = now.plus(TTL);
        this.state = State.PENDING;
    }

    /** A fresh challenge: random id and 32-byte nonce from {@code random}. */
    public static CallbackChallenge issue(String terminalId, CallbackPurpose purpose, String subject, SecureRandom random,
                                          Instant now) {
        byte[] nonce = new byte[CallbackCall.NONCE_BYTES];
        random.nextBytes(nonce);
        AssignedTerminal.requireId(terminalId);
        if (purpose == null || subject == null || subject.isEmpty() || subject.length() > 64) {
            throw new IllegalArgumentException("a callback subject is 1-64 characters");
        }
        // The call carries its expiry in its canonical encoding, which holds whole milliseconds.
        return new CallbackChallenge(new UUID(random.nextLong(), random.nextLong()), terminalId, purpose, subject, nonce,
                now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /** What the host says on the call. */
    public CallbackCall call() {
        return new CallbackCall(id(), terminalId, purpose, subject, nonce, expiresAt);
    }

    /**
     * Checks the terminal's answer for {@code purpose} and {@code subject}. Marks the challenge
     * AUTHENTICATED, or REFUSED and throws; a challenge that is no longer PENDING is refused as used
     * and stays as it is.
     */
    public void verify(CallbackPurpose expectedPurpose, String expectedSubject, byte[] terminalKey, byte[] answer, Instant now) {
        if (state != State.PENDING) {
            throw new ProviderRefusedException(ProviderRefusal.CHALLENGE_USED, "challenge " + id + " was answered before");
        }
        // Whatever follows, this was the one answer the challenge takes.
        state = State.REFUSED;
        if (!now.isBefore(expiresAt)) {
            throw new ProviderRefusedException(ProviderRefusal.CHALLENGE_EXPIRED, "challenge " + id + " expired at " + expiresAt);
        }
        if (purpose != expectedPurpose || !subject.equals(expectedSubject)) {
            throw new ProviderRefusedException(ProviderRefusal.CHALLENGE_MISMATCH, "challenge " + id + " is for " + purpose + " " + subject);
        }
        if (!Hmac.matches(call().answer(terminalKey), answer)) {
            throw new ProviderRefusedException(ProviderRefusal.WRONG_ANSWER, "terminal " + terminalId + " answered challenge " + id + " wrongly");
        }
        state = State.AUTHENTICATED;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String terminalId() {
        return terminalId;
    }

    public CallbackPurpose purpose() {
        return purpose;
    }

    public String subject() {
        return subject;
    }

    public State state() {
        return state;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
