package org.ems.money.protocol;

import org.ems.crypto.StableCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteTransferKey;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * The payer's state in one payment: the phase, the module's book, and while the payment is
 * pending the transfers made (each held note paid from, the note sent, and what stays held once
 * the payer commits). The book is changed only when the payer commits; until then the notes sent
 * are reserved by this payment and an abort simply forgets the transfers. Immutable; encodable.
 */
public record PayerState(Phase phase, ConversationId conversation, ModuleId payee, Money amount, ModuleBook book,
        List<Pending> pending, Optional<PaymentOutcome> outcome, List<byte[]> seen) {

    public enum Phase implements StableCode {
        /** Notes sent, conditionally logged; waiting for Ready-to-Commit. */
        AWAITING_READY(1, false),
        /** Committed (unconditional log entry) and acknowledged. */
        COMMITTED(2, true),
        /** Rolled back: the notes are the payer's again. */
        ABORTED(3, true);

        final int code;
        final boolean settled;

        Phase(int code, boolean settled) {
            this.code = code;
            this.settled = settled;
        }

        @Override
        public int code() {
            return code;
        }

        static Phase ofCode(int code) {
            return StableCode.ofCode(Phase.class, code, "payer phase");
        }
    }

    /** One transfer of the payment: the held note it is paid from, the note sent, what the payer keeps. */
    public record Pending(NoteTransferKey heldKey, Note sent, Optional<HeldNote> kept) {

        /** Writes a list of pending transfers (the payer's, FX's and settle FX's states share this form). */
        static void writeAll(CanonicalWriter writer, List<Pending> pending) {
            writer.putInt(pending.size());
            for (Pending p : pending) {
                writer.putLong(p.heldKey().noteId().high()).putLong(p.heldKey().noteId().low()).putBytes(p.heldKey().parentDigest())
                        .putLong(p.heldKey().sequence());
                writer.putBytes(p.sent().encoded());
                Codec.putFlag(writer, p.kept().isPresent());
                if (p.kept().isPresent()) {
                    writer.putBytes(p.kept().get().note().encoded()).putLong(p.kept().get().remaining().amountMinor())
                            .putLong(p.kept().get().nextSequence());
                }
            }
        }

        static List<Pending> readAll(CanonicalReader reader) {
            int count = reader.getInt();
            if (count < 0 || count > org.ems.money.domain.NoteVerifier.MAX_NOTES_PER_PAYMENT) {
                throw new MalformedEncodingException(count + " pending transfers");
            }
            List<Pending> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                NoteTransferKey key = new NoteTransferKey(new org.ems.money.domain.NoteId(reader.getLong(), reader.getLong()),
                        reader.getBytes(64), reader.getLong());
                Note sent = Note.decode(reader.getBytes(ModuleBook.MAX_NOTE_BYTES));
                Optional<HeldNote> kept = Optional.empty();
                if (Codec.getFlag(reader)) {
                    Note note = Note.decode(reader.getBytes(ModuleBook.MAX_NOTE_BYTES));
                    kept = Optional.of(new HeldNote(note, Money.of(note.receivedAmount().currency(), reader.getLong()), reader.getLong()));
                }
                pending.add(new Pending(key, sent, kept));
            }
            return pending;
        }

        public Pending {
            Objects.requireNonNull(heldKey, "heldKey");
            Objects.requireNonNull(sent, "sent");
            Objects.requireNonNull(kept, "kept");
        }
    }

    public PayerState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(book, "book");
        pending = List.copyOf(pending);
        Objects.requireNonNull(outcome, "outcome");
        seen = List.copyOf(seen);
    }

    public boolean isSettled() {
        return phase.settled;
    }

    /** The notes sent in this payment. */
    public List<Note> sentNotes() {
        return pending.stream().map(Pending::sent).toList();
    }

    PayerState with(Phase nextPhase, ModuleBook nextBook, Optional<PaymentOutcome> nextOutcome, List<byte[]> nextSeen) {
        return new PayerState(nextPhase, conversation, payee, amount, nextBook, pending, nextOutcome, nextSeen);
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.PAYER_STATE);
        writer.putInt(phase.code);
        Codec.putConversation(writer, conversation);
        writer.putLong(payee.value());
        Wire.putMoney(writer, amount);
        book.write(writer);
        Pending.writeAll(writer, pending);
        writer.putInt(outcome.map(PaymentOutcome::code).orElse(0));
        Wire.putSeen(writer, seen);
        return writer.toBytes();
    }

    public static PayerState decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.PAYER_STATE);
        Phase phase = Phase.ofCode(reader.getInt());
        ConversationId conversation = Codec.getConversation(reader);
        ModuleId payee = new ModuleId(reader.getLong());
        Money amount = Wire.getMoney(reader);
        ModuleBook book = ModuleBook.read(reader);
        List<Pending> pending = Pending.readAll(reader);
        int outcomeCode = reader.getInt();
        Optional<PaymentOutcome> outcome = outcomeCode == 0 ? Optional.empty() : Optional.of(PaymentOutcome.ofCode(outcomeCode));
        List<byte[]> seen = Wire.getSeen(reader);
        reader.end();
        return new PayerState(phase, conversation, payee, amount, book, pending, outcome, seen);
    }
}
