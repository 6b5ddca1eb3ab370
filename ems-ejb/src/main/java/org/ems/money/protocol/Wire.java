package org.ems.money.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteRejection;
import org.ems.money.domain.NoteVerifier;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Payloads;

/** Encodings shared by the payment parties: messages, money, redelivery digests. */
final class Wire {

    /** Digests of the last inputs a party accepted (a payment party accepts at most three). */
    static final int SEEN_CAPACITY = 8;

    private Wire() {
    }

    static void putMoney(CanonicalWriter writer, Money money) {
        writer.putString(money.currency().code()).putLong(money.amountMinor());
    }

    static Money getMoney(CanonicalReader reader) {
        return Money.of(CurrencyCode.of(reader.getString(8)), reader.getLong());
    }

    static void putSeen(CanonicalWriter writer, List<byte[]> seen) {
        writer.putInt(seen.size());
        seen.forEach(writer::putBytes);
    }

    static List<byte[]> getSeen(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 0 || count > SEEN_CAPACITY) {
            throw new MalformedEncodingException(count + " seen digests");
        }
        List<byte[]> seen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seen.add(reader.getBytes(PaymentMessage.DIGEST_BYTES));
        }
        return List.copyOf(seen);
    }

    static boolean seen(List<byte[]> seen, PaymentMessage message) {
        byte[] digest = message.digest();
        return seen.stream().anyMatch(d -> Arrays.equals(d, digest));
    }

    static List<byte[]> remember(List<byte[]> seen, PaymentMessage message) {
        List<byte[]> next = new ArrayList<>(seen);
        next.add(message.digest());
        while (next.size() > SEEN_CAPACITY) {
            next.remove(0);
        }
        return List.copyOf(next);
    }

    static void putNotes(CanonicalWriter writer, List<Note> notes) {
        writer.putInt(notes.size());
        notes.forEach(note -> writer.putBytes(note.encoded()));
    }

    /** Notes as sent; a count outside 1..64 or a note that does not decode is {@code MALFORMED}/{@code TOO_MANY_NOTES}. */
    static List<Note> getNotes(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 1 || count > NoteVerifier.MAX_NOTES_PER_PAYMENT) {
            throw new org.ems.money.domain.NoteRejectedException(NoteRejection.TOO_MANY_NOTES, count + " notes");
        }
        List<Note> notes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = reader.getBytes(ModuleBook.MAX_NOTE_BYTES);
            try {
                notes.add(Note.decode(bytes));
            } catch (org.ems.money.domain.NoteRejectedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new org.ems.money.domain.NoteRejectedException(NoteRejection.MALFORMED, e.getMessage(), e);
            }
        }
        return List.copyOf(notes);
    }

    static PaymentMessage notes(ConversationId conversation, List<Note> notes) {
        CanonicalWriter writer = Payloads.writer(Purpose.PAYMENT_NOTES, conversation);
        putNotes(writer, notes);
        return new PaymentMessage(Purpose.PAYMENT_NOTES, writer.toBytes());
    }

    static PaymentMessage only(Purpose purpose, ConversationId conversation) {
        return new PaymentMessage(purpose, Payloads.only(purpose, conversation));
    }

    static PaymentMessage abort(ConversationId conversation, AbortReason reason, Optional<NoteRejection> rejection) {
        byte[] payload = Payloads.writer(Purpose.PAYMENT_ABORT, conversation)
                .putInt(reason.code)
                .putInt(rejection.map(NoteRejection::code).orElse(0))
                .toBytes();
        return new PaymentMessage(Purpose.PAYMENT_ABORT, payload);
    }

    /** An abort's reason and rejection. */
    record Abort(AbortReason reason, Optional<NoteRejection> rejection) {
    }

    static Abort readAbort(ConversationId conversation, PaymentMessage message) {
        CanonicalReader reader = Payloads.read(Purpose.PAYMENT_ABORT, conversation, message.payload());
        AbortReason reason = AbortReason.ofCode(reader.getInt());
        int code = reader.getInt();
        reader.end();
        return new Abort(reason, code == 0 ? Optional.empty() : Optional.of(rejectionOf(code)));
    }

    static NoteRejection rejectionOf(int code) {
        for (NoteRejection rejection : NoteRejection.values()) {
            if (rejection.code() == code) {
                return rejection;
            }
        }
        throw new MalformedEncodingException("unknown note rejection " + code);
    }
}
