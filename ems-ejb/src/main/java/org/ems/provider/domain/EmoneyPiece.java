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
 *
 * <p>A piece read back from the terminal's own store ({@link #stored}) carries the note encoded
 * and decodes it only when asked ({@link #note()}): the terminal presents what it holds without
 * decoding every certificate in it; the host decodes and verifies each note, and takes id and
 * amount from the decoded note, never from what a terminal says.
 */
public final class EmoneyPiece {

    /** Bound of {@link #pieceId()}: 32 hex (note id) + 64 hex (parent digest) + a sequence number, with separators. */
    public static final int MAX_ID_LENGTH = 120;

    private final String pieceId;
    private final LedgerAmount amount;
    private byte[] encoded;
    private Note note;

    /** A note just received: id and amount are the note's. */
    public EmoneyPiece(Note note) {
        this.note = Objects.requireNonNull(note, "note");
        this.pieceId = idOf(note.lastTransferKey());
        this.amount = EmoneyIssue.amountOf(note.receivedAmount());
    }

    private EmoneyPiece(byte[] encoded, String pieceId, LedgerAmount amount) {
        this.encoded = encoded.clone();
        this.pieceId = Objects.requireNonNull(pieceId, "pieceId");
        this.amount = Objects.requireNonNull(amount, "amount");
    }

    /** A note as the terminal stored it on receipt (encoded, with the id and amount it computed then). */
    public static EmoneyPiece stored(byte[] encoded, String pieceId, LedgerAmount amount) {
        return new EmoneyPiece(encoded, pieceId, amount);
    }

    /** The note, decoded on first use ({@code NoteRejectedException} MALFORMED if it does not decode). */
    public synchronized Note note() {
        if (note == null) {
            note = Note.decode(encoded);
        }
        return note;
    }

    /** The note encoded. */
    public synchronized byte[] encoded() {
        if (encoded == null) {
            encoded = note.encoded();
        }
        return encoded.clone();
    }

    /** What the terminal received in this note. */
    public LedgerAmount amount() {
        return amount;
    }

    public NoteTransferKey key() {
        return note().lastTransferKey();
    }

    /** The transfer's node as text: note id, parent chain digest, sequence number. */
    public String pieceId() {
        return pieceId;
    }

    public static String idOf(NoteTransferKey key) {
        return key.noteId() + "-" + HexFormat.of().formatHex(key.parentDigest()) + "-" + key.sequence();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmoneyPiece that && java.util.Arrays.equals(encoded(), that.encoded());
    }

    @Override
    public int hashCode() {
        return pieceId.hashCode();
    }

    @Override
    public String toString() {
        return "EmoneyPiece[" + pieceId + ", " + amount + "]";
    }
}
