package org.ems.money.protocol;

import org.ems.crypto.StableCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteRejection;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * The payee's state in one payment: the phase, the module's book, the amount expected, and once
 * verified the notes received conditionally. Immutable; encodable.
 */
public record PayeeState(Phase phase, ConversationId conversation, ModuleId payer, Money amount, ModuleBook book,
        List<Note> received, Optional<PaymentOutcome> outcome, Optional<NoteRejection> rejection, List<byte[]> seen) {

    public enum Phase implements StableCode {
        /** Waiting for the packet of notes. */
        AWAITING_NOTES(1, false),
        /** Notes verified and conditionally logged, Ready-to-Commit sent; waiting for the payer's acknowledgement. */
        AWAITING_ACK(2, false),
        /** Committed last: the notes are held unconditionally. */
        COMMITTED(3, true),
        /** Aborted before sending Ready-to-Commit: nothing changed. */
        ABORTED(4, true),
        /** Aborted after sending Ready-to-Commit: a FAILED_COMMIT record holds the notes expected. */
        FAILED_COMMIT(5, true);

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
            return StableCode.ofCode(Phase.class, code, "payee phase");
        }
    }

    public PayeeState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(book, "book");
        received = List.copyOf(received);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rejection, "rejection");
        seen = List.copyOf(seen);
    }

    public boolean isSettled() {
        return phase.settled;
    }

    PayeeState with(Phase nextPhase, ModuleBook nextBook, List<Note> nextReceived, Optional<PaymentOutcome> nextOutcome,
            Optional<NoteRejection> nextRejection, List<byte[]> nextSeen) {
        return new PayeeState(nextPhase, conversation, payer, amount, nextBook, nextReceived, nextOutcome, nextRejection, nextSeen);
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.PAYEE_STATE);
        writer.putInt(phase.code);
        Codec.putConversation(writer, conversation);
        writer.putLong(payer.value());
        Wire.putMoney(writer, amount);
        book.write(writer);
        writer.putInt(received.size());
        received.forEach(note -> writer.putBytes(note.encoded()));
        writer.putInt(outcome.map(PaymentOutcome::code).orElse(0));
        writer.putInt(rejection.map(NoteRejection::code).orElse(0));
        Wire.putSeen(writer, seen);
        return writer.toBytes();
    }

    public static PayeeState decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.PAYEE_STATE);
        Phase phase = Phase.ofCode(reader.getInt());
        ConversationId conversation = Codec.getConversation(reader);
        ModuleId payer = new ModuleId(reader.getLong());
        Money amount = Wire.getMoney(reader);
        ModuleBook book = ModuleBook.read(reader);
        int count = reader.getInt();
        if (count < 0 || count > org.ems.money.domain.NoteVerifier.MAX_NOTES_PER_PAYMENT) {
            throw new MalformedEncodingException(count + " received notes");
        }
        List<Note> received = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            received.add(Note.decode(reader.getBytes(ModuleBook.MAX_NOTE_BYTES)));
        }
        int outcomeCode = reader.getInt();
        int rejectionCode = reader.getInt();
        List<byte[]> seen = Wire.getSeen(reader);
        reader.end();
        return new PayeeState(phase, conversation, payer, amount, book, received,
                outcomeCode == 0 ? Optional.empty() : Optional.of(PaymentOutcome.ofCode(outcomeCode)),
                rejectionCode == 0 ? Optional.empty() : Optional.of(Wire.rejectionOf(rejectionCode)), seen);
    }
}
