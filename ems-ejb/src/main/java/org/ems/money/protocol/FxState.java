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
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteRejection;
import org.ems.money.domain.NoteVerifier;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * One side of a foreign exchange between modules A and B (figure 9): what it gives and takes,
 * which transfer commits first, its transfers out (pending until it commits them), the notes it
 * received (held once it commits them), and whether it has sent the peer a message on which the
 * peer may commit a transfer to it (then an abort logs a failed commit). Immutable; encodable.
 */
public record FxState(FxCommitOrder.Side me, FxCommitOrder.Side first, Phase phase, ConversationId conversation, ModuleId peer,
        Money give, Money take, ModuleBook book, List<PayerState.Pending> pending, List<Note> received, boolean sendCommitted,
        boolean receiveCommitted, boolean permissionSent, Optional<PaymentOutcome> outcome, Optional<NoteRejection> rejection,
        List<byte[]> seen) {

    public enum Phase implements StableCode {
        AWAITING_NOTES(1, false),
        AWAITING_LOG_UPDATED(2, false),
        /** A: waiting for Ready-to-Commit (X = 1) or Start Commit (X = 0). */
        AWAITING_COMMIT_SIGNAL(3, false),
        AWAITING_READY(4, false),
        AWAITING_ACK(5, false),
        COMMITTED(6, true),
        ABORTED(7, true),
        FAILED_COMMIT(8, true);

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
            return StableCode.ofCode(Phase.class, code, "fx phase");
        }
    }

    public FxState {
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(give, "give");
        Objects.requireNonNull(take, "take");
        Objects.requireNonNull(book, "book");
        pending = List.copyOf(pending);
        received = List.copyOf(received);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rejection, "rejection");
        seen = List.copyOf(seen);
    }

    public boolean isSettled() {
        return phase.settled;
    }

    public List<Note> sentNotes() {
        return pending.stream().map(PayerState.Pending::sent).toList();
    }

    Builder to() {
        return new Builder(this);
    }

    /** A changed copy. */
    static final class Builder {
        private final FxState from;
        Phase phase;
        ModuleBook book;
        List<PayerState.Pending> pending;
        List<Note> received;
        boolean sendCommitted;
        boolean receiveCommitted;
        boolean permissionSent;
        Optional<PaymentOutcome> outcome;
        Optional<NoteRejection> rejection;
        List<byte[]> seen;

        Builder(FxState from) {
            this.from = from;
            phase = from.phase;
            book = from.book;
            pending = from.pending;
            received = from.received;
            sendCommitted = from.sendCommitted;
            receiveCommitted = from.receiveCommitted;
            permissionSent = from.permissionSent;
            outcome = from.outcome;
            rejection = from.rejection;
            seen = from.seen;
        }

        FxState build() {
            return new FxState(from.me, from.first, phase, from.conversation, from.peer, from.give, from.take, book, pending, received,
                    sendCommitted, receiveCommitted, permissionSent, outcome, rejection, seen);
        }
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.FX_STATE);
        writer.putInt(me.ordinal()).putInt(first.ordinal()).putInt(phase.code);
        Codec.putConversation(writer, conversation);
        writer.putLong(peer.value());
        Wire.putMoney(writer, give);
        Wire.putMoney(writer, take);
        book.write(writer);
        PayerState.Pending.writeAll(writer, pending);
        writer.putInt(received.size());
        received.forEach(note -> writer.putBytes(note.encoded()));
        Codec.putFlag(writer, sendCommitted);
        Codec.putFlag(writer, receiveCommitted);
        Codec.putFlag(writer, permissionSent);
        writer.putInt(outcome.map(PaymentOutcome::code).orElse(0));
        writer.putInt(rejection.map(NoteRejection::code).orElse(0));
        Wire.putSeen(writer, seen);
        return writer.toBytes();
    }

    public static FxState decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.FX_STATE);
        FxCommitOrder.Side me = side(reader.getInt());
        FxCommitOrder.Side first = side(reader.getInt());
        Phase phase = Phase.ofCode(reader.getInt());
        ConversationId conversation = Codec.getConversation(reader);
        ModuleId peer = new ModuleId(reader.getLong());
        Money give = Wire.getMoney(reader);
        Money take = Wire.getMoney(reader);
        ModuleBook book = ModuleBook.read(reader);
        List<PayerState.Pending> pending = PayerState.Pending.readAll(reader);
        int receivedCount = reader.getInt();
        if (receivedCount < 0 || receivedCount > NoteVerifier.MAX_NOTES_PER_PAYMENT) {
            throw new MalformedEncodingException(receivedCount + " received notes");
        }
        List<Note> received = new ArrayList<>(receivedCount);
        for (int i = 0; i < receivedCount; i++) {
            received.add(Note.decode(reader.getBytes(ModuleBook.MAX_NOTE_BYTES)));
        }
        boolean sendCommitted = Codec.getFlag(reader);
        boolean receiveCommitted = Codec.getFlag(reader);
        boolean permissionSent = Codec.getFlag(reader);
        int outcomeCode = reader.getInt();
        int rejectionCode = reader.getInt();
        List<byte[]> seen = Wire.getSeen(reader);
        reader.end();
        return new FxState(me, first, phase, conversation, peer, give, take, book, pending, received, sendCommitted, receiveCommitted,
                permissionSent, outcomeCode == 0 ? Optional.empty() : Optional.of(PaymentOutcome.ofCode(outcomeCode)),
                rejectionCode == 0 ? Optional.empty() : Optional.of(Wire.rejectionOf(rejectionCode)), seen);
    }

    private static FxCommitOrder.Side side(int ordinal) {
        if (ordinal < 0 || ordinal > 1) {
            throw new MalformedEncodingException("unknown side " + ordinal);
        }
        return FxCommitOrder.Side.values()[ordinal];
    }
}
