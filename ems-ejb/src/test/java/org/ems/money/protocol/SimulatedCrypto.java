package org.ems.money.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.domain.NoteRejection;
import org.ems.security.domain.ModuleRole;

/**
 * Real signing and verification for the seeded simulations, memoised per distinct input across
 * runs so that thousands of runs take seconds: the protocol sees the same notes and verdicts it
 * would get. A verifying side's history is assumed to be its initial book (every run starts from
 * the same notes), so a verdict is keyed by payee, packet, expected total and time.
 */
final class SimulatedCrypto {

    private static final Map<String, HeldNote.Paid> SIGNED = new ConcurrentHashMap<>();
    private static final Map<String, Optional<NoteRejection>> VERIFIED = new ConcurrentHashMap<>();

    private SimulatedCrypto() {
    }

    /** The same transfer of the same held note by {@code party} always yields the same signed note. */
    static NoteSigner signer(NoteFixtures.Party party) {
        NoteSigner real = NoteSigner.of(party.cert(), party.keys().getPrivate());
        return (held, to, amount, at) -> SIGNED.computeIfAbsent(
                party.id() + "/" + held.id() + "/" + held.nextSequence() + "/" + held.remaining() + "/" + to + "/" + amount + "/" + at,
                k -> real.pay(held, to, amount, at));
    }

    /** The payment verifier of {@code payee} (a transaction module). */
    static PaymentVerifier verifier(NoteFixtures.Party payee) {
        return verifier(payee, ModuleRole.TRANSACTION);
    }

    static PaymentVerifier verifier(NoteFixtures.Party payee, ModuleRole role) {
        PaymentVerifier real = PaymentVerifier.of(NoteFixtures.verifier(), payee.id(), role);
        return (notes, expected, now, history) -> {
            Optional<NoteRejection> verdict = VERIFIED.computeIfAbsent(
                    payee.id() + "/" + role + "/" + digest(notes) + "/" + expected + "/" + now, k -> {
                        try {
                            real.verify(notes, expected, now, history);
                            return Optional.empty();
                        } catch (NoteRejectedException e) {
                            return Optional.of(e.reason());
                        }
                    });
            if (verdict.isPresent()) {
                throw new NoteRejectedException(verdict.get(), "memoised verdict");
            }
        };
    }

    /** SHA-256 over the notes' encodings, hex. */
    static String digest(List<Note> notes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            notes.forEach(note -> sha.update(note.encoded()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
