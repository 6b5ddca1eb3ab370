package org.ems.money.domain;

import java.util.ArrayList;
import java.util.List;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;

/**
 * The wire form of a note: {@code NOTE | version | body | body signature | count |
 * (record | certificate)*}. Every length is bounded before anything is allocated, and the
 * count is checked against {@link Note#MAX_TRANSFERS} before any record is read.
 */
final class NoteCodec {

    static final int FORMAT_VERSION = 1;
    /** Body, signature, and per transfer a record (about 200 bytes) and a certificate (at most 4 KiB). */
    static final int MAX_ENCODED_BYTES = 1024 + Note.MAX_TRANSFERS * (512 + Certificate.MAX_ENCODED_BYTES);

    private NoteCodec() {
    }

    static byte[] encode(Note note) {
        CanonicalWriter writer = new CanonicalWriter(Purpose.NOTE)
                .putInt(FORMAT_VERSION)
                .putBytes(note.body().encoded())
                .putBytes(note.bodySignature())
                .putInt(note.records().size());
        for (int i = 0; i < note.records().size(); i++) {
            note.records().get(i).writeTo(writer);
            writer.putBytes(note.certificates().get(i).encoded());
        }
        return writer.toBytes();
    }

    static Note decode(byte[] encoded) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new NoteRejectedException(NoteRejection.MALFORMED, encoded.length + " bytes");
        }
        try {
            return read(new CanonicalReader(encoded, Purpose.NOTE));
        } catch (MalformedEncodingException | CertificateRejectedException | IllegalArgumentException e) {
            throw new NoteRejectedException(NoteRejection.MALFORMED, e.getMessage(), e);
        }
    }

    private static Note read(CanonicalReader reader) {
        if (reader.getInt() != FORMAT_VERSION) {
            throw new MalformedEncodingException("unknown note format version");
        }
        NoteBody body = NoteBody.decode(reader.getBytes(NoteBody.MAX_ENCODED_BYTES));
        byte[] bodySignature = reader.getBytes(SignedEnvelope.MAX_SIGNATURE_BYTES);
        int count = reader.getInt();
        if (count > Note.MAX_TRANSFERS) {
            throw new NoteRejectedException(NoteRejection.TOO_MANY_TRANSFERS, count + " transfers, at most " + Note.MAX_TRANSFERS);
        }
        if (count < 1) {
            throw new MalformedEncodingException("a note has at least one transfer, found " + count);
        }
        List<TransferRecord> records = new ArrayList<>(count);
        List<Certificate> certificates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(TransferRecord.readFrom(reader));
            certificates.add(Certificate.decode(reader.getBytes(Certificate.MAX_ENCODED_BYTES)));
        }
        reader.end();
        if (bodySignature.length == 0) {
            throw new MalformedEncodingException("empty body signature");
        }
        return new Note(body, bodySignature, records, certificates);
    }
}
