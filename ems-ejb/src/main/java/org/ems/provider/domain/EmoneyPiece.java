package org.ems.provider.domain;

import java.util.HexFormat;
import java.util.Objects;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteTransferKey;

/**
 * E-money a merchant terminal received in a sale (figure 7): an EMS note as the card's money
 * module transferred it to the terminal's, with its whole signed transfer history (the patent's
 * "authenticators"). Its identity is the transfer-tree node its last record created
 * ({@link #pieceId}): a card can make that transfer once, so the host settles each id once.
 */
public record EmoneyPiece(Note note) {

    /** Bound of {@link #pieceId()}: 32 hex (note id) + 64 hex (parent digest) + a sequence number, with separators. */
    public static final int MAX_ID_LENGTH = 120;

    public EmoneyPiece {
        Objects.requireNonNull(note, "note");
    }

    /** What the terminal received in this note. */
    public LedgerAmount amount() {
        return EmoneyIssue.amountOf(note.receivedAmount());
    }

    public NoteTransferKey key() {
        return note.lastTransferKey();
    }

    /** The transfer's node as text: note id, parent chain digest, sequence number. */
    public String pieceId() {
        return idOf(key());
    }

    public static String idOf(NoteTransferKey key) {
        return key.noteId() + "-" + HexFormat.of().formatHex(key.parentDigest()) + "-" + key.sequence();
    }

    @Override
    public String toString() {
        return "EmoneyPiece[" + note.id() + ", " + amount() + "]";
    }
}
