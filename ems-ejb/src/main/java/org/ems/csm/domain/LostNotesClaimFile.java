package org.ems.csm.domain;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.crypto.SymmetricCipher;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.protocol.TransactionLog;
import org.ems.network.domain.Codec;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * A lost-note claim as the subscriber's host downloads and stores it, outside the money module
 * (figure 21, steps 2044-2054):
 * <pre>
 * LOST_NOTES_CLAIM_FILE | version | claim sequence | created at | totals | Cert(M) | CSM id
 *                       | E_CSM(content key) | AES-GCM_key(ENVELOPE(packet, sigma_M(packet)))
 * </pre>
 * The description (first five fields) is in the clear; the signed {@link ClaimPacket} is
 * encrypted. "Encrypted by Public Key A" is realised as a hybrid: the packet (megabytes, with all
 * notes) is sealed with AES-256-GCM under a fresh content key, and that key is sealed with
 * {@link PublicKeyEncryption} (ECIES) to the CSM whose certificate the module holds from its
 * account profile; only that CSM (or the MIIS holding its key) opens it.
 */
public record LostNotesClaimFile(ClaimDescription description, byte[] sealedKey, byte[] sealedContent) {

    static final int FORMAT_VERSION = 1;
    private static final int MAX_SEALED_KEY_BYTES = 4 * 1024;
    /** Bound of the sealed content: the cipher's plaintext limit and its container. */
    private static final int MAX_SEALED_CONTENT_BYTES = SymmetricCipher.MAX_PLAINTEXT_BYTES + 1024;
    /** Bound of the signed packet, leaving room for the envelope within the cipher's limit. */
    public static final int MAX_PACKET_BYTES = SymmetricCipher.MAX_PLAINTEXT_BYTES - 1024;
    /** Bound of a whole claim file. */
    public static final int MAX_ENCODED_BYTES = MAX_SEALED_CONTENT_BYTES + MAX_SEALED_KEY_BYTES + 64 * 1024;

    public LostNotesClaimFile {
        Objects.requireNonNull(description, "description");
        sealedKey = sealedKey.clone();
        sealedContent = sealedContent.clone();
    }

    /**
     * Create Lost Note(s) Claim (figure 21) at the money module: a claim of every note held (with
     * its remaining value) and every failed-commit record not yet claimed, numbered
     * {@code claimSequence} (the note directory's next claim sequence number), signed with the
     * module's key and sealed to {@code recipientCsm}. A module holding nothing to claim is refused
     * (NOTHING_CLAIMED).
     */
    public static LostNotesClaimFile create(Certificate moduleCert, PrivateKey moduleKey, long claimSequence, NoteDirectory directory,
            TransactionLog log, ClaimMarks marks, Certificate recipientCsm, Instant now, SecureRandom random) {
        Instant createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        ClaimPacket packet = new ClaimPacket(claimSequence, moduleCert.subjectId(), createdAt,
                directory.notes().stream().map(ClaimedNote::of).toList(), marks.unclaimed(log));
        if (packet.notes().isEmpty() && packet.failedCommits().isEmpty()) {
            throw new ClaimRejectedException(ClaimRejection.NOTHING_CLAIMED, "module " + moduleCert.subjectId() + " holds no notes");
        }
        return seal(packet, moduleCert, moduleKey, recipientCsm, random);
    }

    /** Signs {@code packet} with the module's key, seals it to {@code recipientCsm} and adds the description. */
    static LostNotesClaimFile seal(ClaimPacket packet, Certificate moduleCert, PrivateKey moduleKey, Certificate recipientCsm,
            SecureRandom random) {
        if (recipientCsm.subjectRole() != ModuleRole.CUSTOMER_SERVICE) {
            throw new IllegalArgumentException("a claim is sealed to a customer service module, not a " + recipientCsm.subjectRole());
        }
        byte[] payload = packet.encoded();
        if (payload.length > MAX_PACKET_BYTES) {
            throw new IllegalStateException("claim packet of " + payload.length + " bytes exceeds " + MAX_PACKET_BYTES);
        }
        byte[] envelope = SignedEnvelope.sign(payload, moduleKey).encoded();
        byte[] contentKey = new byte[SymmetricCipher.KEY_BYTES];
        random.nextBytes(contentKey);
        try {
            byte[] sealedContent = SymmetricCipher.seal(contentKey, Purpose.LOST_NOTES_CLAIM_CONTENT, envelope, random);
            byte[] sealedKey = PublicKeyEncryption.seal(recipientCsm.publicKey(), Purpose.LOST_NOTES_CLAIM_KEY, contentKey, random);
            ClaimDescription description = new ClaimDescription(packet.claimSequence(), packet.totals(), moduleCert,
                    recipientCsm.subjectId(), packet.createdAt());
            return new LostNotesClaimFile(description, sealedKey, sealedContent);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /** Opens the sealed part with the recipient CSM's key: the module's signed envelope; failure to open is {@link MalformedEncodingException}. */
    SignedEnvelope open(PrivateKey csmKey) {
        byte[] contentKey = PublicKeyEncryption.open(csmKey, Purpose.LOST_NOTES_CLAIM_KEY, sealedKey);
        try {
            if (contentKey.length != SymmetricCipher.KEY_BYTES) {
                throw new MalformedEncodingException("content key of " + contentKey.length + " bytes");
            }
            byte[] envelope = SymmetricCipher.open(contentKey, Purpose.LOST_NOTES_CLAIM_CONTENT, sealedContent);
            return SignedEnvelope.decode(envelope, Purpose.LOST_NOTES_CLAIM_PACKET, MAX_PACKET_BYTES);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    @Override
    public byte[] sealedKey() {
        return sealedKey.clone();
    }

    @Override
    public byte[] sealedContent() {
        return sealedContent.clone();
    }

    public byte[] encoded() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.LOST_NOTES_CLAIM_FILE)
                .putInt(FORMAT_VERSION)
                .putLong(description.claimSequence())
                .putInstant(description.createdAt());
        ClaimCodec.putTotals(writer, description.totals());
        Codec.putCertificate(writer, description.moduleCertificate());
        return writer.putLong(description.recipient().value())
                .putBytes(sealedKey)
                .putBytes(sealedContent)
                .toBytes();
    }

    /** Reads {@link #encoded()}; anything else (truncated, trailing bytes, bad fields): {@link ClaimRejectedException} MALFORMED. */
    public static LostNotesClaimFile decode(byte[] encoded) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new ClaimRejectedException(ClaimRejection.MALFORMED, encoded.length + " bytes");
        }
        try {
            CanonicalReader reader = new CanonicalReader(encoded, Purpose.LOST_NOTES_CLAIM_FILE);
            if (reader.getInt() != FORMAT_VERSION) {
                throw new MalformedEncodingException("unknown claim file version");
            }
            long sequence = reader.getLong();
            Instant createdAt = reader.getInstant();
            List<org.ems.money.domain.Money> totals = ClaimCodec.getTotals(reader);
            Certificate moduleCert = Codec.getCertificate(reader);
            ModuleId recipient = new ModuleId(reader.getLong());
            byte[] sealedKey = reader.getBytes(MAX_SEALED_KEY_BYTES);
            byte[] sealedContent = reader.getBytes(MAX_SEALED_CONTENT_BYTES);
            reader.end();
            return new LostNotesClaimFile(new ClaimDescription(sequence, totals, moduleCert, recipient, createdAt), sealedKey, sealedContent);
        } catch (MalformedEncodingException | CertificateRejectedException | IllegalArgumentException e) {
            throw new ClaimRejectedException(ClaimRejection.MALFORMED, e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LostNotesClaimFile that && Arrays.equals(encoded(), that.encoded());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded());
    }

    @Override
    public String toString() {
        return "LostNotesClaimFile[" + description.moduleCertificate().subjectId() + " #" + description.claimSequence() + ", "
                + description.totals() + "]";
    }
}
