package org.ems.provider.domain;

import java.util.Arrays;
import java.util.UUID;
import org.ems.bank.domain.LedgerAmount;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;

/**
 * E-money as the provider host issues it for one charge (figure 6): a value with a unique serial
 * and the host's authenticator, HMAC-SHA256 under the host's issuing key over serial and value.
 * Nobody without that key can make one, and the host checks it again when a merchant settles.
 */
public record EmoneyIssue(UUID serial, LedgerAmount amount, byte[] authenticator) {

    public EmoneyIssue {
        if (serial == null || amount == null || !amount.isPositive()) {
            throw new IllegalArgumentException("issued e-money has a serial and a positive amount");
        }
        if (authenticator == null || authenticator.length != Hmac.TAG_BYTES) {
            throw new IllegalArgumentException("an authenticator is " + Hmac.TAG_BYTES + " bytes");
        }
        authenticator = authenticator.clone();
    }

    /** What the host does: authenticates a new issue under its issuing key. */
    public static EmoneyIssue authenticate(byte[] issuingKey, UUID serial, LedgerAmount amount) {
        return new EmoneyIssue(serial, amount, Hmac.sha256(issuingKey, signedBytes(serial, amount)));
    }

    /** Whether the host's key made this authenticator (constant-time). */
    public boolean isGenuine(byte[] issuingKey) {
        return Hmac.matches(Hmac.sha256(issuingKey, signedBytes(serial, amount)), authenticator);
    }

    @Override
    public byte[] authenticator() {
        return authenticator.clone();
    }

    private static byte[] signedBytes(UUID serial, LedgerAmount amount) {
        return new CanonicalWriter(Purpose.PROVIDER_EMONEY_AUTHENTICATOR).putString(serial.toString())
                .putLong(amount.minor()).putString(amount.currency()).toBytes();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmoneyIssue o && serial.equals(o.serial) && amount.equals(o.amount)
                && Arrays.equals(authenticator, o.authenticator);
    }

    @Override
    public int hashCode() {
        return serial.hashCode();
    }

    @Override
    public String toString() {
        return "EmoneyIssue[" + serial + ", " + amount + "]";
    }
}
