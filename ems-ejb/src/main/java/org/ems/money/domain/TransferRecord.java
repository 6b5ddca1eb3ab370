package org.ems.money.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.security.domain.ModuleId;

/**
 * One entry of a note's transfer group: transferor, transferee, amount, date/time, the
 * transferor's sequence number for this note, and the transferor's signature over
 * {@link #signedPayload}: {@code NOTE_TRANSFER | version | body digest | previous chain digest |
 * transferor | transferee | currency | amount | at | sequence}. The digests are not carried in
 * the record: the note recomputes them, so a record moved to another note or position no longer
 * verifies. Invariants: positive amount, sequence >= 1, transferor != transferee.
 */
public record TransferRecord(ModuleId transferorId, ModuleId transfereeId, Money amount, Instant at, long sequence,
        byte[] signature) {

    static final int FORMAT_VERSION = 1;

    public TransferRecord {
        Objects.requireNonNull(transferorId, "transferorId");
        Objects.requireNonNull(transfereeId, "transfereeId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(at, "at");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a transfer amount must be positive: " + amount);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1: " + sequence);
        }
        if (transferorId.equals(transfereeId)) {
            throw new IllegalArgumentException("a module cannot transfer a note to itself");
        }
        if (!Instants.isWholeMillis(at)) {
            throw new IllegalArgumentException("transfer time must be whole milliseconds: " + at);
        }
        if (signature.length == 0 || signature.length > SignedEnvelope.MAX_SIGNATURE_BYTES) {
            throw new IllegalArgumentException("signature of " + signature.length + " bytes");
        }
        signature = signature.clone();
    }

    /** What the transferor signs: the record's fields bound to the note body and everything before it. */
    static byte[] signedPayload(byte[] bodyDigest, byte[] previousChainDigest, ModuleId transferor, ModuleId transferee,
            Money amount, Instant at, long sequence) {
        return new CanonicalWriter(Purpose.NOTE_TRANSFER)
                .putInt(FORMAT_VERSION)
                .putBytes(bodyDigest)
                .putBytes(previousChainDigest)
                .putLong(transferor.value())
                .putLong(transferee.value())
                .putString(amount.currency().code())
                .putLong(amount.amountMinor())
                .putInstant(at)
                .putLong(sequence)
                .toBytes();
    }

    byte[] signedPayload(byte[] bodyDigest, byte[] previousChainDigest) {
        return signedPayload(bodyDigest, previousChainDigest, transferorId, transfereeId, amount, at, sequence);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    void writeTo(CanonicalWriter writer) {
        writer.putLong(transferorId.value())
                .putLong(transfereeId.value())
                .putString(amount.currency().code())
                .putLong(amount.amountMinor())
                .putInstant(at)
                .putLong(sequence)
                .putBytes(signature);
    }

    static TransferRecord readFrom(CanonicalReader reader) {
        ModuleId transferor = new ModuleId(reader.getLong());
        ModuleId transferee = new ModuleId(reader.getLong());
        Money amount = Money.of(CurrencyCode.of(reader.getString(3)), reader.getLong());
        Instant at = reader.getInstant();
        long sequence = reader.getLong();
        byte[] signature = reader.getBytes(SignedEnvelope.MAX_SIGNATURE_BYTES);
        if (signature.length == 0) {
            throw new MalformedEncodingException("empty signature");
        }
        return new TransferRecord(transferor, transferee, amount, at, sequence, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransferRecord that && transferorId.equals(that.transferorId)
                && transfereeId.equals(that.transfereeId) && amount.equals(that.amount) && at.equals(that.at)
                && sequence == that.sequence && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transferorId, transfereeId, amount, at, sequence) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "TransferRecord[" + transferorId + " -> " + transfereeId + ", " + amount + ", " + at + ", seq " + sequence + "]";
    }
}
