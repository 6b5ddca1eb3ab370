package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.domain.Note;

/**
 * The provider host's record of one issue of e-money: the EMS note its money generator signed for
 * one charge (as written to the card), and how much of it merchants have settled so far.
 *
 * <p>Invariants: one issue per charge (the column is unique); {@code 0 <= settled <= issued}: a
 * claim that would pass the issued amount is refused as replayed e-money and claims nothing.
 */
@Entity
@Table(name = "PROVIDER_ISSUED_EMONEY")
public class IssuedEmoney {

    @Id
    @Column(length = 32)
    private String serial;

    @Column(nullable = false, unique = true, length = 36)
    private String chargeId;

    @Column(nullable = false)
    private long amountMinor;

    @Column(nullable = false, length = 3)
    private String currency;

    /** SHA-256 of the note body the generator signed. */
    @Column(nullable = false, length = 32)
    private byte[] bodyDigest;

    @Lob
    @Column(nullable = false)
    private byte[] note;

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
        Note issued = issue.note();
        this.serial = issued.id().toString();
        this.chargeId = chargeId.toString();
        this.amountMinor = issued.body().amount().amountMinor();
        this.currency = issued.body().amount().currency().code();
        this.bodyDigest = issued.bodyDigest();
        this.note = issued.encoded();
        this.issuedAt = now;
    }

    public EmoneyIssue issue() {
        return new EmoneyIssue(Note.decode(note));
    }

    /** Whether {@code presented} is (a later state of) this issue: the same body the generator signed. */
    public boolean isIssueOf(Note presented) {
        return presented.id().toString().equals(serial) && MessageDigest.isEqual(bodyDigest, presented.bodyDigest());
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

    public String serial() {
        return serial;
    }

    public LedgerAmount outstanding() {
        return LedgerAmount.of(amountMinor - settledMinor, currency);
    }

    public LedgerAmount settled() {
        return LedgerAmount.of(settledMinor, currency);
    }
}
