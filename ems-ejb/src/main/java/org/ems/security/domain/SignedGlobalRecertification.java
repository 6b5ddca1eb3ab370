package org.ems.security.domain;

import java.security.PrivateKey;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;

/**
 * A global recertification call signed by the primary security server that calls it (any active
 * PSS may: "a primary security server can call for global recertification").
 * Payload: {@code GLOBAL_RECERTIFICATION | called by | from | until}.
 */
public final class SignedGlobalRecertification {

    private static final int MAX_PAYLOAD_BYTES = 256;

    private final GlobalRecertification call;
    private final SignedEnvelope envelope;

    private SignedGlobalRecertification(SignedEnvelope envelope) {
        CanonicalReader reader = new CanonicalReader(envelope.payload(), Purpose.GLOBAL_RECERTIFICATION);
        this.call = new GlobalRecertification(new ModuleId(reader.getLong()), reader.getInstant(), reader.getInstant());
        reader.end();
        this.envelope = envelope;
    }

    /** Signs with the key of {@code call.calledBy()}. */
    public static SignedGlobalRecertification sign(GlobalRecertification call, PrivateKey key) {
        byte[] payload = new CanonicalWriter(Purpose.GLOBAL_RECERTIFICATION)
                .putLong(call.calledBy().value())
                .putInstant(call.from())
                .putInstant(call.until())
                .toBytes();
        return new SignedGlobalRecertification(SignedEnvelope.sign(payload, key));
    }

    public static SignedGlobalRecertification decode(byte[] encoded) {
        return SignedDocuments.decode(encoded, Purpose.GLOBAL_RECERTIFICATION, MAX_PAYLOAD_BYTES, SignedGlobalRecertification::new);
    }

    /** The caller is an active PSS (else UNKNOWN_ISSUER) and signed it (else BAD_SIGNATURE). */
    public void verify(PssKeyList pssKeys) {
        SignedDocuments.requireSignedBy(envelope,
                SignedDocuments.activeKey(pssKeys, call.calledBy(), "global recertification"), "global recertification");
    }

    public GlobalRecertification call() {
        return call;
    }

    public byte[] signedPayload() {
        return envelope.payload();
    }

    public byte[] encoded() {
        return envelope.encoded();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedGlobalRecertification that && envelope.equals(that.envelope);
    }

    @Override
    public int hashCode() {
        return envelope.hashCode();
    }

    @Override
    public String toString() {
        return "SignedGlobalRecertification[" + call + "]";
    }
}
