package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;
import org.ems.bank.domain.LedgerAmount;

/** One issue written to a card and what is left of it (kept at zero too, so a repeated credit is recognised). */
@Embeddable
public class PurseHolding {

    @Column(name = "SERIAL", nullable = false, length = 36)
    private String serial;

    @Column(name = "ISSUED_MINOR", nullable = false)
    private long issuedMinor;

    @Column(name = "AUTHENTICATOR", nullable = false, length = Hmac.TAG_BYTES)
    private byte[] authenticator;

    @Column(name = "REMAINING_MINOR", nullable = false)
    private long remainingMinor;

    protected PurseHolding() {
        // for JPA
    }

    PurseHolding(EmoneyIssue issue) {
        this.serial = issue.serial().toString();
        this.issuedMinor = issue.amount().minor();
        this.authenticator = issue.authenticator();
        this.remainingMinor = issuedMinor;
    }

    EmoneyIssue issue(String currency) {
        return new EmoneyIssue(UUID.fromString(serial), LedgerAmount.of(issuedMinor, currency), authenticator);
    }

    String serial() {
        return serial;
    }

    long remainingMinor() {
        return remainingMinor;
    }

    void take(long minor) {
        if (minor <= 0 || minor > remainingMinor) {
            throw new IllegalStateException("take " + minor + " of " + remainingMinor);
        }
        remainingMinor -= minor;
    }
}
