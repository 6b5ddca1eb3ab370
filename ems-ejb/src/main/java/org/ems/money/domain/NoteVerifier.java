package org.ems.money.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ems.crypto.Crypto;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.RejectionReason;

/**
 * Verify Y of the patent's figure 8 (steps 1578-1604), every check over all notes of a payment,
 * in the patent's order, each failing with its own {@link NoteRejection}: certificates, ids (and
 * dates), amounts, expected total; for a transaction module payee, expiry and the bad-ID list;
 * then signatures (the expensive part, so forged input is refused cheaply first) and duplicates.
 *
 * <p>Certificates are validated ignoring their expiry: an old note carries certificates that
 * have expired since they signed. Instead each must have been valid when its record was made.
 * The validator refuses bad-listed certificate subjects itself; that refusal is reported as
 * BAD_LISTED, for tellers too.
 */
public final class NoteVerifier {

    /** Notes in one packet; bounds the work one payment can cause. */
    public static final int MAX_NOTES_PER_PAYMENT = 64;

    private final CertificateValidator validator;
    private final BadIdList badIds;

    /** {@code badIds} must be the list {@code validator} was built with (the module's current one). */
    public NoteVerifier(CertificateValidator validator, BadIdList badIds) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.badIds = Objects.requireNonNull(badIds, "badIds");
    }

    /**
     * Verifies a payment of {@code notes} to {@code payee}, totalling {@code expectedTotal}; throws
     * {@link NoteRejectedException}. {@code now} is the payee's corrected time, the same instant
     * the validator's clock gives; {@code payeeRole} decides the transaction-module-only checks.
     */
    public void verifyPayment(List<Note> notes, Money expectedTotal, ModuleId payee, ModuleRole payeeRole, Instant now,
            NoteHistory history) {
        if (notes.isEmpty() || notes.size() > MAX_NOTES_PER_PAYMENT) {
            throw rejected(NoteRejection.TOO_MANY_NOTES, notes.size() + " notes, 1.." + MAX_NOTES_PER_PAYMENT + " allowed");
        }
        CertificateValidator oneCheck = validator.forOneCheck();         // each distinct signature once
        notes.forEach(note -> checkCertificates(note, oneCheck));       // 1578
        notes.forEach(note -> checkIds(note, payee, payeeRole));        // 1578
        notes.forEach(NoteVerifier::checkDates);
        checkAmounts(notes);                                            // 1580
        checkTotal(notes, expectedTotal);                               // 1580
        if (payeeRole == ModuleRole.TRANSACTION) {
            notes.forEach(note -> checkNotExpired(note, now));          // 1584-1588
            notes.forEach(this::checkNotBadListed);                     // 1590-1592
        }
        notes.forEach(NoteVerifier::checkSignatures);                   // 1594-1596
        checkDuplicates(notes, history);                                // 1598-1604
    }

    private static void checkCertificates(Note note, CertificateValidator validator) {
        for (int i = 0; i < note.records().size(); i++) {
            Certificate cert = note.certificates().get(i);
            ModuleRole expected = expectedRole(i, cert);
            try {
                validator.validateModule(cert, expected, ExpiryCheck.IGNORE);
            } catch (CertificateRejectedException e) {
                NoteRejection reason = e.reason() == RejectionReason.BAD_LISTED ? NoteRejection.BAD_LISTED : NoteRejection.CERTIFICATE_INVALID;
                throw new NoteRejectedException(reason, "certificate of transfer " + i + ": " + e.getMessage(), e);
            }
            Instant at = note.records().get(i).at();
            if (at.isBefore(cert.issuedAt()) || !at.isBefore(cert.expiresAt())) {
                throw rejected(NoteRejection.CERTIFICATE_INVALID, "transfer " + i + " at " + at + " outside its certificate's validity");
            }
        }
    }

    /** Record 0 is the generator's; record 1 its teller's; later transferors are tellers or transaction modules. */
    private static ModuleRole expectedRole(int index, Certificate cert) {
        if (index == 0) {
            return ModuleRole.MONEY_GENERATOR;
        }
        if (index == 1) {
            return ModuleRole.TELLER;
        }
        ModuleRole role = cert.subjectRole();
        if (role != ModuleRole.TELLER && role != ModuleRole.TRANSACTION) {
            throw rejected(NoteRejection.CERTIFICATE_INVALID, "transfer " + index + " by a " + role + ", which holds no notes");
        }
        return role;
    }

    private static void checkIds(Note note, ModuleId payee, ModuleRole payeeRole) {
        List<TransferRecord> records = note.records();
        if (records.size() == 1 && payeeRole != ModuleRole.TELLER) {
            throw rejected(NoteRejection.ID_MISMATCH, "a money generator transfers new notes to a teller only, not to a " + payeeRole);
        }
        if (!note.body().generatorId().equals(records.get(0).transferorId())) {
            throw rejected(NoteRejection.ID_MISMATCH, "first transfer not by the body's generator " + note.body().generatorId());
        }
        for (int i = 0; i < records.size(); i++) {
            ModuleId transferor = records.get(i).transferorId();
            if (!transferor.equals(note.certificates().get(i).subjectId())) {
                throw rejected(NoteRejection.ID_MISMATCH, "transfer " + i + " by " + transferor + " with the certificate of "
                        + note.certificates().get(i).subjectId());
            }
            if (i > 0 && !transferor.equals(records.get(i - 1).transfereeId())) {
                throw rejected(NoteRejection.ID_MISMATCH, "transfer " + i + " by " + transferor + ", who did not receive transfer " + (i - 1));
            }
        }
        if (!note.holder().equals(payee)) {
            throw rejected(NoteRejection.ID_MISMATCH, "note transferred to " + note.holder() + ", not to the payee " + payee);
        }
    }

    private static void checkDates(Note note) {
        Instant previous = note.body().issuedAt();
        for (TransferRecord record : note.records()) {
            if (record.at().isBefore(previous)) {
                throw rejected(NoteRejection.DATES_INCONSISTENT, "transfer at " + record.at() + " before " + previous);
            }
            previous = record.at();
        }
    }

    /**
     * The generator's first transfer is the whole note; then "sums out of any node of the note
     * transfer tree never exceed the amount into it", across the packet.
     */
    private static void checkAmounts(List<Note> notes) {
        for (Note note : notes) {
            if (!note.records().get(0).amount().equals(note.body().amount())) {
                throw rejected(NoteRejection.AMOUNT_INCONSISTENT, "the generator's first transfer is not the whole note " + note.id());
            }
        }
        NoteTransferTree tree = new NoteTransferTree();
        notes.forEach(tree::add);
        tree.overdrawnNode().ifPresent(detail -> {
            throw rejected(NoteRejection.AMOUNT_INCONSISTENT, detail);
        });
    }

    private static void checkTotal(List<Note> notes, Money expectedTotal) {
        Money total = Money.zero(expectedTotal.currency());
        for (Note note : notes) {
            if (!note.receivedAmount().currency().equals(expectedTotal.currency())) {
                throw rejected(NoteRejection.WRONG_TOTAL, "a note in " + note.receivedAmount().currency() + ", expected " + expectedTotal.currency());
            }
            total = total.plus(note.receivedAmount());
        }
        if (!total.equals(expectedTotal)) {
            throw rejected(NoteRejection.WRONG_TOTAL, "received " + total + ", expected " + expectedTotal);
        }
    }

    private static void checkNotExpired(Note note, Instant now) {
        if (note.body().isExpiredAt(now)) {
            throw rejected(NoteRejection.EXPIRED, "note " + note.id() + " expired at " + note.body().expiresAt());
        }
    }

    private void checkNotBadListed(Note note) {
        for (TransferRecord record : note.records()) {
            for (ModuleId id : List.of(record.transferorId(), record.transfereeId())) {
                if (badIds.contains(id)) {
                    throw rejected(NoteRejection.BAD_LISTED, "module " + id + " in the history of note " + note.id());
                }
            }
        }
    }

    private static void checkSignatures(Note note) {
        if (!Crypto.verify(note.certificates().get(0).publicKey(), note.body().encoded(), note.bodySignature())) {
            throw rejected(NoteRejection.BAD_SIGNATURE, "the body of note " + note.id() + " is not signed by its generator");
        }
        for (int i = 0; i < note.records().size(); i++) {
            byte[] payload = note.signedPayloadOf(i);
            if (!Crypto.verify(note.certificates().get(i).publicKey(), payload, note.records().get(i).signature())) {
                throw rejected(NoteRejection.BAD_SIGNATURE, "transfer " + i + " of note " + note.id() + " is not signed by its transferor");
            }
        }
    }

    private static void checkDuplicates(List<Note> notes, NoteHistory history) {
        Set<NoteTransferKey> seen = new HashSet<>();
        for (Note note : notes) {
            NoteTransferKey key = note.lastTransferKey();
            if (!seen.add(key) || history.hasReceived(key)) {
                throw rejected(NoteRejection.DUPLICATE, key.toString());
            }
        }
    }

    private static NoteRejectedException rejected(NoteRejection reason, String detail) {
        return new NoteRejectedException(reason, detail);
    }
}
