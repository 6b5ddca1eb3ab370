package org.ems.security.domain;

import java.security.PublicKey;
import java.util.function.Function;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;

/** What the signed security documents (lists, policy, recertification call) share: decoding and signature checks. */
final class SignedDocuments {

    private SignedDocuments() {
    }

    /** Decodes an envelope and parses its payload; anything that does not fit: MALFORMED. */
    static <T> T decode(byte[] encoded, Purpose purpose, int maxPayloadBytes, Function<SignedEnvelope, T> parser) {
        try {
            return parser.apply(SignedEnvelope.decode(encoded, purpose, maxPayloadBytes));
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            throw new CertificateRejectedException(RejectionReason.MALFORMED, purpose.shortName() + ": " + e.getMessage(), e);
        }
    }

    static void requireSignedBy(SignedEnvelope envelope, PublicKey key, String what) {
        if (!envelope.isSignedBy(key)) {
            throw new CertificateRejectedException(RejectionReason.BAD_SIGNATURE, what);
        }
    }

    /** The active PSS key of a signer, or UNKNOWN_ISSUER. */
    static PublicKey activeKey(PssKeyList pssKeys, ModuleId signer, String what) {
        return pssKeys.keyOf(signer).orElseThrow(() -> new CertificateRejectedException(RejectionReason.UNKNOWN_ISSUER,
                what + " signed by " + signer + ", not an active primary security server"));
    }
}
