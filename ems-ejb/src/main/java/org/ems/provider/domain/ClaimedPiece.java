package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;
import org.ems.money.domain.Note;

/** One note a merchant presented for settlement, as the host keeps it (the note with its whole history). */
@Embeddable
public class ClaimedPiece {

    @Column(name = "PIECE_ID", nullable = false, length = EmoneyPiece.MAX_ID_LENGTH)
    private String pieceId;

    @Column(name = "NOTE_ID", nullable = false, length = 32)
    private String noteId;

    @Column(name = "AMOUNT_MINOR", nullable = false)
    private long amountMinor;

    @Lob
    @Column(name = "NOTE", nullable = false)
    private byte[] note;

    protected ClaimedPiece() {
        // for JPA
    }

    ClaimedPiece(EmoneyPiece piece) {
        this.pieceId = piece.pieceId();
        this.noteId = piece.note().id().toString();
        this.amountMinor = piece.amount().minor();
        this.note = piece.note().encoded();
    }

    EmoneyPiece piece() {
        return new EmoneyPiece(Note.decode(note));
    }

    String pieceId() {
        return pieceId;
    }
}
