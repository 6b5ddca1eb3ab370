package org.ems.money.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.crypto.StableCode;
import org.ems.security.domain.ModuleId;

/**
 * The body group of a note (patent, "Money Issued Reconciliation"): note id, money generator
 * id, issuing bank, date of issue, date of expiry, amount with its monetary unit, and type.
 * The generator signs {@link #encoded()}. Invariants: amount positive, issue before expiry,
 * instants whole milliseconds (the canonical encoding's resolution), bank id 1..64 bytes.
 */
public record NoteBody(NoteId noteId, ModuleId generatorId, String issuingBankId, Instant issuedAt, Instant expiresAt,
        Money amount, NoteType type) {

    static final int FORMAT_VERSION = 1;
    /** Bank identifiers are short codes (BIC is 11 characters); 64 bytes bounds any of them. */
    public static final int MAX_BANK_ID_BYTES = 64;
    public static final int MAX_ENCODED_BYTES = 512;
    private static final Pattern BANK_ID = Pattern.compile("[\\x21-\\x7E][\\x20-\\x7E]{0," + (MAX_BANK_ID_BYTES - 1) + "}");

    public NoteBody {
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(generatorId, "generatorId");
        Objects.requireNonNull(issuingBankId, "issuingBankId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(type, "type");
        if (!BANK_ID.matcher(issuingBankId).matches()) {
            throw new IllegalArgumentException("issuing bank id must be 1.." + MAX_BANK_ID_BYTES + " printable ASCII characters");
        }
        if (!Instants.isWholeMillis(issuedAt) || !Instants.isWholeMillis(expiresAt)) {
            throw new IllegalArgumentException("note dates must be whole milliseconds (the encoding's resolution)");
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a note's amount must be positive: " + amount);
        }
        if (!issuedAt.isBefore(expiresAt)) {
            throw new IllegalArgumentException("a note must expire after it is issued");
        }
    }

    public byte[] encoded() {
        return new CanonicalWriter(Purpose.NOTE_BODY)
                .putInt(FORMAT_VERSION)
                .putLong(noteId.high())
                .putLong(noteId.low())
                .putLong(generatorId.value())
                .putString(issuingBankId)
                .putInstant(issuedAt)
                .putInstant(expiresAt)
                .putString(amount.currency().code())
                .putLong(amount.amountMinor())
                .putInt(type.code())
                .toBytes();
    }

    /** Decodes {@link #encoded()}; anything else: {@link org.ems.crypto.MalformedEncodingException} or IllegalArgumentException. */
    public static NoteBody decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.NOTE_BODY);
        if (reader.getInt() != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown note body format version");
        }
        NoteId id = new NoteId(reader.getLong(), reader.getLong());
        ModuleId generator = new ModuleId(reader.getLong());
        String bank = reader.getString(MAX_BANK_ID_BYTES);
        Instant issued = reader.getInstant();
        Instant expires = reader.getInstant();
        CurrencyCode currency = CurrencyCode.of(reader.getString(3));
        Money amount = Money.of(currency, reader.getLong());
        NoteType type = StableCode.ofCode(NoteType.class, reader.getInt(), "note type");
        reader.end();
        return new NoteBody(id, generator, bank, issued, expires, amount, type);
    }

    /** Whether the note can no longer be paid to a transaction module at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
