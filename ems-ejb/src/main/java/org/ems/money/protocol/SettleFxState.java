package org.ems.money.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.StableCode;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteRejection;
import org.ems.money.domain.NoteVerifier;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * One side of a Settle Foreign Exchange (figure 27): what it gives, what it agreed to take (empty
 * until the peer's amounts are confirmed, and for A in a one-way payment), which transfer commits
 * first, its transfers out (pending until it commits them), the notes received (held once it
 * commits them), and whether it sent the peer a message on which the peer may commit a transfer
 * to it (then an abort logs a failed commit). Invariant: A always gives something (a one-way
 * payment goes from A to B). Immutable; encodable.
 */
public record SettleFxState(FxCommitOrder.Side me, FxCommitOrder.Side first, Phase phase, ConversationId conversation, ModuleId peer,
        SettlementAmounts give, SettlementAmounts take, ModuleBook book, List<PayerState.Pending> pending, List<Note> received,
        boolean sendCommitted, boolean receiveCommitted, boolean permissionSent, Optional<PaymentOutcome> outcome,
        Optional<NoteRejection> rejection, List<byte[]> seen) {

    public enum Phase implements StableCode {
        /** A: its amounts sent, waiting for B's (steps 3060-3082); B: waiting for A's amounts. */
        AWAITING_AMOUNTS(1, false),
        /** B: amounts agreed, waiting for A's notes; A: notes sent, waiting for B's. */
        AWAITING_NOTES(2, false),
        /** B: notes sent, waiting for "Log Updated" (steps 3114-3116). */
        AWAITING_LOG_UPDATED(3, false),
        /** A: waiting for Ready-to-Commit (X = 1) or Start Commit (X = 0). */
        AWAITING_COMMIT_SIGNAL(4, false),
        /** A in a one-way payment, B after Start Commit: waiting for Ready-to-Commit. */
        AWAITING_READY(5, false),
        AWAITING_ACK(6, false),
        COMMITTED(7, true),
        ABORTED(8, true),
        FAILED_COMMIT(9, true);

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
            return StableCode.ofCode(Phase.class, code, "settle fx phase");
        }
    }

    public SettleFxState {
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
        if (me == FxCommitOrder.Side.A && give.isEmpty()) {
            throw new IllegalArgumentException("A gives something: a one-way payment goes from A to B (step 3106)");
        }
    }

    /** A side before anything happened: waiting for (B) or having sent (A) the first amounts. */
    static SettleFxState initial(FxCommitOrder.Side me, FxCommitOrder.Side first, ConversationId conversation, ModuleId peer,
            SettlementAmounts give, ModuleBook book) {
        return new SettleFxState(me, first, Phase.AWAITING_AMOUNTS, conversation, peer, give, SettlementAmounts.none(), book, List.of(),
                List.of(), false, false, false, Optional.empty(), Optional.empty(), List.of());
    }

    public boolean isSettled() {
        return phase.settled;
    }

    /** Whether this exchange is a one-way payment from A to B (known once both sides' amounts are agreed). */
    public boolean oneWay() {
        return me == FxCommitOrder.Side.A ? take.isEmpty() : give.isEmpty();
    }

    public List<Note> sentNotes() {
        return pending.stream().map(PayerState.Pending::sent).toList();
    }

    Builder to() {
        return new Builder(this);
    }

    /** A changed copy. */
    static final class Builder {
        private final SettleFxState from;
        Phase phase;
        SettlementAmounts take;
        ModuleBook book;
        List<PayerState.Pending> pending;
        List<Note> received;
        boolean sendCommitted;
        boolean receiveCommitted;
        boolean permissionSent;
        Optional<PaymentOutcome> outcome;
        Optional<NoteRejection> rejection;
        List<byte[]> seen;

        Builder(SettleFxState from) {
            this.from = from;
            phase = from.phase;
            take = from.take;
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

        SettleFxState build() {
            return new SettleFxState(from.me, from.first, phase, from.conversation, from.peer, from.give, take, book, pending, received,
                    sendCommitted, receiveCommitted, permissionSent, outcome, rejection, seen);
        }
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.SETTLE_FX_STATE);
        writer.putInt(me.ordinal()).putInt(first.ordinal()).putInt(phase.code);
        Codec.putConversation(writer, conversation);
        writer.putLong(peer.value());
        give.write(writer);
        take.write(writer);
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

    public static SettleFxState decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.SETTLE_FX_STATE);
        FxCommitOrder.Side me = side(reader.getInt());
        FxCommitOrder.Side first = side(reader.getInt());
        Phase phase = Phase.ofCode(reader.getInt());
        ConversationId conversation = Codec.getConversation(reader);
        ModuleId peer = new ModuleId(reader.getLong());
        SettlementAmounts give = SettlementAmounts.read(reader);
        SettlementAmounts take = SettlementAmounts.read(reader);
        ModuleBook book = ModuleBook.read(reader);
        List<PayerState.Pending> pending = PayerState.Pending.readAll(reader);
        int receivedCount = count(reader, "received notes");
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
        try {
            return new SettleFxState(me, first, phase, conversation, peer, give, take, book, pending, received, sendCommitted,
                    receiveCommitted, permissionSent, outcomeCode == 0 ? Optional.empty() : Optional.of(PaymentOutcome.ofCode(outcomeCode)),
                    rejectionCode == 0 ? Optional.empty() : Optional.of(Wire.rejectionOf(rejectionCode)), seen);
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException(e.getMessage());
        }
    }

    private static int count(CanonicalReader reader, String what) {
        int count = reader.getInt();
        if (count < 0 || count > NoteVerifier.MAX_NOTES_PER_PAYMENT) {
            throw new MalformedEncodingException(count + " " + what);
        }
        return count;
    }

    private static FxCommitOrder.Side side(int ordinal) {
        if (ordinal < 0 || ordinal > 1) {
            throw new MalformedEncodingException("unknown side " + ordinal);
        }
        return FxCommitOrder.Side.values()[ordinal];
    }
}
