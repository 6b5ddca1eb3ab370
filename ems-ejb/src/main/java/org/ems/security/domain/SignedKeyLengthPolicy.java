package org.ems.security.domain;

import java.security.PrivateKey;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;

/**
 * A key-length policy signed by the designated primary security server ("the new designated key
 * lengths will be communicated ... by a designated primary server").
 * Payload: {@code KEY_LENGTH_POLICY | version | SS bits | module bits | signer id}; the version
 * identifies a policy, so it carries no date.
 */
public final class SignedKeyLengthPolicy {

    private static final int MAX_PAYLOAD_BYTES = 256;

    private final KeyLengthPolicy policy;
    private final ModuleId signerId;
    private final SignedEnvelope envelope;

    private SignedKeyLengthPolicy(SignedEnvelope envelope) {
        CanonicalReader reader = new CanonicalReader(envelope.payload(), Purpose.KEY_LENGTH_POLICY);
        this.policy = new KeyLengthPolicy(reader.getLong(), KeyLength.ofBits(reader.getInt()), KeyLength.ofBits(reader.getInt()));
        this.signerId = new ModuleId(reader.getLong());
        reader.end();
        this.envelope = envelope;
    }

    public static SignedKeyLengthPolicy sign(KeyLengthPolicy policy, ModuleId signer, PrivateKey key) {
        byte[] payload = new CanonicalWriter(Purpose.KEY_LENGTH_POLICY)
                .putLong(policy.version())
                .putInt(policy.securityServers().bits())
                .putInt(policy.modules().bits())
                .putLong(signer.value())
                .toBytes();
        return new SignedKeyLengthPolicy(SignedEnvelope.sign(payload, key));
    }

    public static SignedKeyLengthPolicy decode(byte[] encoded) {
        return SignedDocuments.decode(encoded, Purpose.KEY_LENGTH_POLICY, MAX_PAYLOAD_BYTES, SignedKeyLengthPolicy::new);
    }

    /** Signed by the designated PSS (else UNKNOWN_ISSUER) with its listed key (else BAD_SIGNATURE). */
    public void verify(PssKeyList pssKeys) {
        if (!signerId.equals(pssKeys.designated())) {
            throw new CertificateRejectedException(RejectionReason.UNKNOWN_ISSUER,
                    "key-length policy signed by " + signerId + ", not the designated PSS");
        }
        SignedDocuments.requireSignedBy(envelope, SignedDocuments.activeKey(pssKeys, signerId, "key-length policy"),
                "key-length policy " + policy.version());
    }

    public KeyLengthPolicy policy() {
        return policy;
    }

    public ModuleId signerId() {
        return signerId;
    }

    public byte[] signedPayload() {
        return envelope.payload();
    }

    public byte[] encoded() {
        return envelope.encoded();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedKeyLengthPolicy that && envelope.equals(that.envelope);
    }

    @Override
    public int hashCode() {
        return envelope.hashCode();
    }

    @Override
    public String toString() {
        return "SignedKeyLengthPolicy[" + policy + ", signed by " + signerId + "]";
    }
}
