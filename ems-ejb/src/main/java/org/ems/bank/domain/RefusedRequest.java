package org.ems.bank.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A refusal the bank gave to an EMS request (withdrawal to EMS, deposit from EMS, reversal), kept
 * by idempotency key: the teller acts on a refusal (it pays the module back), so a late copy of
 * the same request must get the same refusal, never a later approval. Bank-POS transfers are
 * evaluated again instead (a terminal retries a refused settlement under its key on purpose).
 */
@Entity
@Table(name = "BANK_REFUSED_REQUEST")
public class RefusedRequest {

    @Id
    @Column(length = 64)
    private String idempotencyKey;

    /** The request without its correlation id: what a copy must match. */
    @Column(nullable = false, length = 400)
    private String request;

    private int reasonCode;

    @Column(nullable = false)
    private Instant refusedAt;

    protected RefusedRequest() {
        // for JPA
    }

    public RefusedRequest(BankRequest refused, BankRefusal reason, Instant at) {
        this.idempotencyKey = refused.idempotencyKey();
        this.request = fingerprint(refused);
        this.reasonCode = reason.code();
        this.refusedAt = at;
    }

    /** Whether a refusal is remembered for requests of this kind. */
    public static boolean isKeptFor(BankRequest.Kind kind) {
        return kind == BankRequest.Kind.WITHDRAWAL_TO_EMS || kind == BankRequest.Kind.DEPOSIT_FROM_EMS || kind == BankRequest.Kind.REVERSAL;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public boolean isSameRequest(BankRequest other) {
        return request.equals(fingerprint(other));
    }

    public BankRefusal reason() {
        return BankRefusal.ofCode(reasonCode);
    }

    private static String fingerprint(BankRequest r) {
        return r.kind() + "|" + r.debit() + "|" + r.credit() + "|" + r.amount() + "|" + r.entryId();
    }
}
