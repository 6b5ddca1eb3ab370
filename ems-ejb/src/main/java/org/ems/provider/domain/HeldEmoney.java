package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * E-money a merchant terminal received in one sale (figure 7): one EMS note as the card's module
 * transferred it to the terminal's, with its signed transfer history, for the business day of the
 * sale. Held until a settlement moves it into its batch ({@code batchKey} set); erased (deleted)
 * only when the bank approved that batch's transfer; a refused batch keeps it for the retry under
 * the same key. The transfer's node ({@code pieceId}) is unique: the terminal never holds one twice.
 */
@Entity
@Table(name = "PROVIDER_HELD_EMONEY", indexes = @Index(columnList = "terminalId, businessDay"))
public class HeldEmoney {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 32)
    private String terminalId;

    @Column(nullable = false)
    private LocalDate businessDay;

    @Column(nullable = false, length = 64)
    private String saleKey;

    @Column(nullable = false, unique = true, length = EmoneyPiece.MAX_ID_LENGTH)
    private String pieceId;

    @Column(nullable = false)
    private long amountMinor;

    @Column(nullable = false, length = 3)
    private String currency;

    @Lob
    @Column(nullable = false)
    private byte[] note;

    @Column(length = 64)
    private String batchKey;

    @Column(nullable = false)
    private Instant takenAt;

    protected HeldEmoney() {
        // for JPA
    }

    public HeldEmoney(UUID id, String terminalId, LocalDate businessDay, String saleKey, EmoneyPiece piece, Instant now) {
        this.id = id.toString();
        this.terminalId = terminalId;
        this.businessDay = businessDay;
        this.saleKey = saleKey;
        this.pieceId = piece.pieceId();
        this.amountMinor = piece.amount().minor();
        this.currency = piece.amount().currency();
        this.note = piece.encoded();
        this.takenAt = now;
    }

    /** The note as stored (decoded only when its {@link EmoneyPiece#note()} is asked for). */
    public EmoneyPiece piece() {
        return EmoneyPiece.stored(note, pieceId, org.ems.bank.domain.LedgerAmount.of(amountMinor, currency));
    }

    /** Moves it into a settling batch; it stays there until the batch is settled. */
    public void moveInto(SettlementKey key) {
        if (batchKey != null) {
            throw new IllegalStateException("held e-money " + id + " is in batch " + batchKey);
        }
        batchKey = key.toString();
    }

    public String pieceId() {
        return pieceId;
    }

    public long amountMinor() {
        return amountMinor;
    }

    public String batchKey() {
        return batchKey;
    }

    public String saleKey() {
        return saleKey;
    }

    public LocalDate businessDay() {
        return businessDay;
    }
}
