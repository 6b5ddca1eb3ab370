package org.ems.money.domain;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ems.crypto.Crypto;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;

/**
 * An electronic note: the body signed by its money generator, the ordered transfer history, and
 * the certificate of each record's transferor ({@code certificates.get(i)} for record i; the
 * first is the generator's, which also signed the body; each Cert(M) carries its Cert(SS)).
 *
 * <p>Invariants (structure only; trust comes from {@link NoteVerifier}): 1 to
 * {@link #MAX_TRANSFERS} records, one certificate per record, every record in the body's
 * currency. Immutable: a transfer makes a new note with one more record.
 */
public final class Note {

    /** The patent's "limit on transfer chain length": bounds packet size and verification cost. */
    public static final int MAX_TRANSFERS = 64;

    private final NoteBody body;
    private final byte[] bodySignature;
    private final List<TransferRecord> records;
    private final List<Certificate> certificates;
    private final byte[][] chain;

    Note(NoteBody body, byte[] bodySignature, List<TransferRecord> records, List<Certificate> certificates) {
        this.body = Objects.requireNonNull(body, "body");
        this.bodySignature = bodySignature.clone();
        this.records = List.copyOf(records);
        this.certificates = List.copyOf(certificates);
        if (this.records.isEmpty() || this.records.size() > MAX_TRANSFERS) {
            throw new IllegalArgumentException("a note has 1.." + MAX_TRANSFERS + " transfers, not " + this.records.size());
        }
        if (this.records.size() != this.certificates.size()) {
            throw new IllegalArgumentException("one certificate per transfer record");
        }
        for (TransferRecord record : this.records) {
            record.amount().requireSameCurrency(body.amount());
        }
        this.chain = computeChain();
    }

    /**
     * The money generator signs a new note and makes the first transfer, of the whole amount, to
     * the teller that will hold it ({@code firstHolder}) at the note's date of issue.
     */
    public static Note issue(Certificate generatorCert, PrivateKey generatorKey, NoteBody body, ModuleId firstHolder) {
        if (!generatorCert.subjectId().equals(body.generatorId())) {
            throw new IllegalArgumentException("the body names generator " + body.generatorId()
                    + " but the certificate is of " + generatorCert.subjectId());
        }
        byte[] bodySignature = Crypto.sign(generatorKey, body.encoded());
        byte[] bodyDigest = NoteChain.sha256(body.encoded());
        byte[] root = NoteChain.root(body.encoded());
        TransferRecord first = sign(generatorKey, bodyDigest, root, body.generatorId(), firstHolder, body.amount(), body.issuedAt(), 1);
        return new Note(body, bodySignature, List.of(first), List.of(generatorCert));
    }

    /**
     * The holder transfers {@code amount} of this note to {@code transferee}: a new note with one
     * more record, signed by the holder. The amount may be at most what the holder received;
     * what it has already passed on is the holder's own bookkeeping ({@link HeldNote}).
     */
    public Note transfer(Certificate transferorCert, PrivateKey transferorKey, ModuleId transferee, Money amount, Instant at,
            long sequence) {
        if (!transferorCert.subjectId().equals(holder())) {
            throw new IllegalArgumentException("only the holder " + holder() + " can transfer this note");
        }
        if (records.size() >= MAX_TRANSFERS) {
            throw new NoteRejectedException(NoteRejection.TOO_MANY_TRANSFERS, "the note already has " + MAX_TRANSFERS + " transfers");
        }
        if (amount.isGreaterThan(receivedAmount())) {
            throw new InsufficientFundsException(receivedAmount(), amount);
        }
        if (at.isBefore(lastRecord().at())) {
            throw new IllegalArgumentException("a transfer cannot predate the one before it");
        }
        TransferRecord next = sign(transferorKey, bodyDigest(), chain[records.size()], holder(), transferee, amount, at, sequence);
        List<TransferRecord> longer = new ArrayList<>(records);
        longer.add(next);
        List<Certificate> certs = new ArrayList<>(certificates);
        certs.add(transferorCert);
        return new Note(body, bodySignature, longer, certs);
    }

    private static TransferRecord sign(PrivateKey key, byte[] bodyDigest, byte[] previous, ModuleId from, ModuleId to,
            Money amount, Instant at, long sequence) {
        byte[] payload = TransferRecord.signedPayload(bodyDigest, previous, from, to, amount, at, sequence);
        return new TransferRecord(from, to, amount, at, sequence, Crypto.sign(key, payload));
    }

    private byte[][] computeChain() {
        byte[] bodyDigest = bodyDigest();
        byte[][] digests = new byte[records.size() + 1][];
        digests[0] = NoteChain.root(body.encoded());
        for (int i = 0; i < records.size(); i++) {
            digests[i + 1] = NoteChain.next(digests[i], records.get(i).signedPayload(bodyDigest, digests[i]));
        }
        return digests;
    }

    public NoteBody body() {
        return body;
    }

    public NoteId id() {
        return body.noteId();
    }

    public byte[] bodySignature() {
        return bodySignature.clone();
    }

    /** SHA-256 of the encoded body, as every record signs it. */
    public byte[] bodyDigest() {
        return NoteChain.sha256(body.encoded());
    }

    /** Unmodifiable, oldest first. */
    public List<TransferRecord> records() {
        return records;
    }

    /** Unmodifiable; index i is the certificate of record i's transferor. */
    public List<Certificate> certificates() {
        return certificates;
    }

    public TransferRecord lastRecord() {
        return records.get(records.size() - 1);
    }

    /** The last transferee: the module this note was last transferred to. */
    public ModuleId holder() {
        return lastRecord().transfereeId();
    }

    /** What the holder received in the last transfer; the most it can pass on from this note. */
    public Money receivedAmount() {
        return lastRecord().amount();
    }

    /** The payload record i's transferor signed. */
    public byte[] signedPayloadOf(int index) {
        return records.get(index).signedPayload(bodyDigest(), chain[index]);
    }

    /** chain[i]: the digest of the body and records 0..i-1, naming node i of the transfer tree. */
    public byte[] chainDigest(int index) {
        return chain[index].clone();
    }

    /** The transfer tree node the last record created: what a payee must not receive twice. */
    public NoteTransferKey lastTransferKey() {
        return new NoteTransferKey(id(), chain[records.size() - 1], lastRecord().sequence());
    }

    public byte[] encoded() {
        return NoteCodec.encode(this);
    }

    /** Decodes {@link #encoded()}; refusals are {@link NoteRejectedException} MALFORMED or TOO_MANY_TRANSFERS. */
    public static Note decode(byte[] encoded) {
        return NoteCodec.decode(encoded);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Note that && Arrays.equals(encoded(), that.encoded());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded());
    }

    @Override
    public String toString() {
        return "Note[" + id() + ", " + body.amount() + ", " + records.size() + " transfers, held by " + holder() + "]";
    }
}
