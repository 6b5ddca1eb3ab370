package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.ems.bank.domain.LedgerAmount;

/**
 * The provider host's record of one issue of e-money: for which charge, how much, and how much of
 * it merchants have settled so far.
 *
 * <p>Invariants: one issue per charge (the column is unique); {@code 0 <= settled <= issued}: a
 * claim that would pass the issued amount is refused as replayed e-money and claims nothing.
 */
@Entity
@Table(name = "PROVIDER_ISSUED_EMONEY")
public class IssuedEmoney {

    @Id
    @Column(length = 36)
    private String serial;

    @Column(nullable = false, unique = true, length = 36)
    private String chargeId;

    @Column(nullable = false)
    private long amountMinor;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false, length = Hmac.TAG_BYTES)
    private byte[] authenticator;

    @Column(nullable = false)
    private long settledMinor;

    @Column(nullable = false)
    private Instant issuedAt;

    @Version
    private long version;

    protected IssuedEmoney() {
        // for JPA
    }

    public IssuedEmoney(EmoneyIssue issue, UUID chargeId, Instant now) {
        this.serial = issue.serial().toString();
        this.chargeId = chargeId.toString();
        this.amountMinor = issue.amount().minor();
        this.currency = issue.amount().currency();
        this.authenticator = issue.authenticator();
        this.issuedAt = now;
    }

    public EmoneyIssue issue() {
        return new EmoneyIssue(UUID.fromString(serial), LedgerAmount.of(amountMinor, currency), authenticator);
    }

    /** Whether {@code minor} more can be settled against this issue. */
    public boolean canSettle(long minor) {
        return minor > 0 && settledMinor + minor <= amountMinor;
    }

    void settle(long minor) {
        if (!canSettle(minor)) {
            throw new ProviderRefusedException(ProviderRefusal.SETTLEMENT_REPLAYED, "issue " + serial + " is settled up to " + settledMinor);
        }
        settledMinor += minor;
    }

    public UUID serial() {
        return UUID.fromString(serial);
    }

    public LedgerAmount outstanding() {
        return LedgerAmount.of(amountMinor - settledMinor, currency);
    }

    public LedgerAmount settled() {
        return LedgerAmount.of(settledMinor, currency);
    }
}
