package org.ems.csm.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.SignedEnvelope;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteHistory;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.domain.NoteRejection;
import org.ems.money.domain.NoteTransferTree;
import org.ems.money.domain.NoteVerifier;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The CSM's Claim Lost Notes function (figure 4A, 3008; figure 22), both branches:
 * <ul>
 * <li>(a) a failed commit, the module working: the module's failed-commit records arrive in a
 * session ({@link FailedCommitClaimRequest}); the CSM gives a claim id (step 2092) and builds the
 * claim for the MIIS (steps 2098-2102);</li>
 * <li>(b) a lost or damaged module: the subscriber's host submits the claim file stored by
 * figure 21; the CSM validates the module certificate (2114-2116, MODULE_CERTIFICATE_INVALID),
 * decrypts and checks the module's signature and the description (BAD_SIGNATURE,
 * DESCRIPTION_MISMATCH), verifies every note's certificates and signatures (2118, NOTE_INVALID),
 * then the consistency of transfer amounts (2122, AMOUNT_INCONSISTENT), and files the claim with
 * a new claim id (2124-2128).</li>
 * </ul>
 * Pure: time and randomness come in as arguments. Immutable.
 */
public final class ClaimLostNotes {

    /** What the CSM hands its host: the claim id for the subscriber, and the claim with the CSM's signed filing for the MIIS. */
    public record Filed(MiisClaim claim, SignedEnvelope filing) {

        public ClaimId claimId() {
            return claim.id();
        }
    }

    private final CustomerServiceModule csm;
    private final CertificateValidator validator;
    private final NoteVerifier noteVerifier;

    /** {@code validator} and {@code noteVerifier}: the CSM's, with its current PSS keys and bad-ID list. */
    public ClaimLostNotes(CustomerServiceModule csm, CertificateValidator validator, NoteVerifier noteVerifier) {
        this.csm = Objects.requireNonNull(csm, "csm");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.noteVerifier = Objects.requireNonNull(noteVerifier, "noteVerifier");
    }

    /**
     * Branch (a), steps 2086-2102: the request must come from the module in session with the CSM
     * ({@code sessionPeer}, WRONG_MODULE). Returns the acknowledgement to send the module (the
     * module marks its records with it) and the claim for the MIIS.
     */
    public FailedCommitFiled fileFailedCommits(FailedCommitClaimRequest request, ModuleId sessionPeer, String subscriber, Instant now,
            SecureRandom random) {
        MiisClaim.requireSubscriber(subscriber);
        if (!request.module().equals(sessionPeer)) {
            throw new ClaimRejectedException(ClaimRejection.WRONG_MODULE, "request names " + request.module() + ", session with "
                    + sessionPeer);
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        List<org.ems.money.protocol.LoggedNote> items = new ArrayList<>();
        request.records().forEach(entry -> items.addAll(entry.notes()));
        MiisClaim claim = MiisClaim.filed(ClaimId.random(random), ClaimKind.FAILED_COMMIT, subscriber, request.module(), csm.id(), at, items);
        return new FailedCommitFiled(new ClaimAcknowledgement(claim.id(), at), new Filed(claim, claim.signedFiling(csm.key())));
    }

    /** Branch (a)'s result: the acknowledgement for the module, and the filing for the MIIS. */
    public record FailedCommitFiled(ClaimAcknowledgement acknowledgement, Filed filed) {
    }

    /** Branch (b), steps 2108-2128, from the bytes the subscriber's host submitted. */
    public Filed fileLostModuleClaim(byte[] claimFile, String subscriber, Instant now, SecureRandom random) {
        return fileLostModuleClaim(LostNotesClaimFile.decode(claimFile), subscriber, now, random);
    }

    /** Branch (b) from a decoded claim file; every refusal is a {@link ClaimRejectedException} and files nothing. */
    public Filed fileLostModuleClaim(LostNotesClaimFile file, String subscriber, Instant now, SecureRandom random) {
        MiisClaim.requireSubscriber(subscriber);
        ClaimDescription description = file.description();
        if (!description.recipient().equals(csm.id())) {
            throw new ClaimRejectedException(ClaimRejection.NOT_FOR_THIS_CSM, "sealed to CSM " + description.recipient());
        }
        Certificate moduleCert = description.moduleCertificate();
        checkModuleCertificate(moduleCert, description.createdAt());                  // 2114-2116
        ClaimPacket packet = openAndCheckSignature(file, moduleCert);                  // 2118, decrypt
        checkDescription(description, packet, moduleCert.subjectId());
        verifyNotes(packet);                                                           // 2118
        checkAmounts(packet);                                                          // 2122-2123
        MiisClaim claim = MiisClaim.filed(ClaimId.random(random), ClaimKind.LOST_MODULE, subscriber, packet.module(), csm.id(),
                now.truncatedTo(ChronoUnit.MILLIS), packet.items());
        return new Filed(claim, claim.signedFiling(csm.key()));
    }

    /**
     * The module's certificate, ignoring its expiry (a lost module's certificate may have expired
     * since), but it must have been valid when the claim was created.
     */
    private void checkModuleCertificate(Certificate moduleCert, Instant createdAt) {
        try {
            validator.validateModule(moduleCert, ModuleRole.TRANSACTION, ExpiryCheck.IGNORE);
        } catch (CertificateRejectedException e) {
            throw new ClaimRejectedException(ClaimRejection.MODULE_CERTIFICATE_INVALID, e.getMessage(), e);
        }
        if (createdAt.isBefore(moduleCert.issuedAt()) || !createdAt.isBefore(moduleCert.expiresAt())) {
            throw new ClaimRejectedException(ClaimRejection.MODULE_CERTIFICATE_INVALID, "claim created at " + createdAt
                    + ", outside the certificate's validity");
        }
    }

    private ClaimPacket openAndCheckSignature(LostNotesClaimFile file, Certificate moduleCert) {
        SignedEnvelope envelope;
        try {
            envelope = file.open(csm.key());
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            throw new ClaimRejectedException(ClaimRejection.MALFORMED, "the claim does not open: " + e.getMessage(), e);
        }
        if (!envelope.isSignedBy(moduleCert.publicKey())) {
            throw new ClaimRejectedException(ClaimRejection.BAD_SIGNATURE, "not signed by module " + moduleCert.subjectId());
        }
        try {
            return ClaimPacket.decode(envelope.payload());
        } catch (MalformedEncodingException e) {
            throw new ClaimRejectedException(ClaimRejection.MALFORMED, e.getMessage(), e);
        }
    }

    private static void checkDescription(ClaimDescription description, ClaimPacket packet, ModuleId certified) {
        if (!packet.module().equals(certified)) {
            throw mismatch("packet of module " + packet.module() + " under the certificate of " + certified);
        }
        if (packet.claimSequence() != description.claimSequence()) {
            throw mismatch("claim sequence " + description.claimSequence() + " outside, " + packet.claimSequence() + " inside");
        }
        if (!packet.createdAt().equals(description.createdAt())) {
            throw mismatch("created at " + description.createdAt() + " outside, " + packet.createdAt() + " inside");
        }
        List<Money> totals;
        try {
            totals = packet.totals();
        } catch (ArithmeticException e) {
            throw new ClaimRejectedException(ClaimRejection.AMOUNT_INCONSISTENT, "the claimed amounts overflow", e);
        }
        if (!totals.equals(description.totals())) {
            throw mismatch("totals " + description.totals() + " outside, " + totals + " inside");
        }
        if (packet.notes().isEmpty() && packet.failedCommits().isEmpty()) {
            throw new ClaimRejectedException(ClaimRejection.NOTHING_CLAIMED, "module " + packet.module());
        }
    }

    private static ClaimRejectedException mismatch(String detail) {
        return new ClaimRejectedException(ClaimRejection.DESCRIPTION_MISMATCH, detail);
    }

    /**
     * Every note's certificates, ids and signatures, with {@link NoteVerifier}, in packets of at
     * most {@link NoteVerifier#MAX_NOTES_PER_PAYMENT} notes of one currency, as if the claimant had
     * just received them. The payee role passed is TELLER on purpose: it selects the checks that
     * hold for any holder (certificates valid when they signed, not bad-listed; ids chained to the
     * holder; dates; amounts along each chain; signatures; no transfer twice) and leaves out the
     * two a transaction module applies only to incoming payments (expired notes, bad-listed
     * transferees): an expired note is still value the subscriber lost. That the claimant is a
     * transaction module is checked here: it never holds a note straight from a generator.
     */
    private void verifyNotes(ClaimPacket packet) {
        Map<String, List<Note>> byCurrency = new LinkedHashMap<>();
        for (ClaimedNote claimed : packet.notes()) {
            Note note = claimed.note();
            if (note.records().size() < 2) {
                throw new ClaimRejectedException(ClaimRejection.NOTE_INVALID, "note " + note.id() + " has not left its teller");
            }
            byCurrency.computeIfAbsent(note.receivedAmount().currency().code(), code -> new ArrayList<>()).add(note);
        }
        for (List<Note> notes : byCurrency.values()) {
            for (int from = 0; from < notes.size(); from += NoteVerifier.MAX_NOTES_PER_PAYMENT) {
                List<Note> chunk = notes.subList(from, Math.min(notes.size(), from + NoteVerifier.MAX_NOTES_PER_PAYMENT));
                Money received = Money.zero(chunk.get(0).receivedAmount().currency());
                for (Note note : chunk) {
                    received = received.plus(note.receivedAmount());
                }
                try {
                    noteVerifier.verifyPayment(chunk, received, packet.module(), ModuleRole.TELLER, packet.createdAt(), NoteHistory.empty());
                } catch (NoteRejectedException e) {
                    ClaimRejection reason = e.reason() == NoteRejection.AMOUNT_INCONSISTENT
                            ? ClaimRejection.AMOUNT_INCONSISTENT : ClaimRejection.NOTE_INVALID;
                    throw new ClaimRejectedException(reason, e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Step 2122: "the value of the money conveyed to a transferee is not greater than that received
     * by the transferor for the transfer history of each note", across all the claim's notes (two
     * pieces of one note may sit in different chunks of the note check), and each remaining value
     * positive and within what the module received.
     */
    private static void checkAmounts(ClaimPacket packet) {
        NoteTransferTree tree = new NoteTransferTree();
        for (ClaimedNote claimed : packet.notes()) {
            Note note = claimed.note();
            if (!claimed.remaining().isPositive() || claimed.remaining().isGreaterThan(note.receivedAmount())) {
                throw new ClaimRejectedException(ClaimRejection.AMOUNT_INCONSISTENT, "note " + note.id() + ": remaining "
                        + claimed.remaining() + " of " + note.receivedAmount() + " received");
            }
            tree.add(note);
        }
        tree.overdrawnNode().ifPresent(detail -> {
            throw new ClaimRejectedException(ClaimRejection.AMOUNT_INCONSISTENT, detail);
        });
    }
}
