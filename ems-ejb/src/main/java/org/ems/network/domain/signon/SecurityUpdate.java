package org.ems.network.domain.signon;

import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.network.domain.TrustedLists;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.PssKeyList;
import org.ems.security.domain.SignedKeyLengthPolicy;

/**
 * The lists a module holds after the sign-on update (step 1382): the PSS key list, the bad-ID
 * list and the key-length policy, each verified and no older than what the module held before.
 * The application stores them on the module aggregate when the sign-on settles.
 */
public record SecurityUpdate(PssKeyList pssKeys, BadIdList badIds, SignedKeyLengthPolicy policy) {

    /** A full bad-ID list is 2 MiB; the PSS list and the policy are small. */
    static final int MAX_LIST_BYTES = 3 * 1024 * 1024;
    static final int MAX_SMALL_DOCUMENT_BYTES = 64 * 1024;

    public SecurityUpdate {
        Objects.requireNonNull(pssKeys, "pssKeys");
        Objects.requireNonNull(badIds, "badIds");
        Objects.requireNonNull(policy, "policy");
    }

    public static SecurityUpdate of(TrustedLists trust) {
        return new SecurityUpdate(trust.pssKeys(), trust.badIds(), trust.signedPolicy());
    }

    public TrustedLists applyTo(TrustedLists trust) {
        return trust.with(pssKeys, badIds, policy);
    }

    public void write(CanonicalWriter writer) {
        writer.putBytes(pssKeys.encoded()).putBytes(badIds.encoded()).putBytes(policy.encoded());
    }

    /** Decodes only: the lists were verified when the update was accepted, and the state holding them is sealed at rest. */
    public static SecurityUpdate read(CanonicalReader reader) {
        try {
            return new SecurityUpdate(PssKeyList.decode(reader.getBytes(MAX_SMALL_DOCUMENT_BYTES)),
                    BadIdList.decode(reader.getBytes(MAX_LIST_BYTES)),
                    SignedKeyLengthPolicy.decode(reader.getBytes(MAX_SMALL_DOCUMENT_BYTES)));
        } catch (CertificateRejectedException e) {
            throw new MalformedEncodingException("stored security update: " + e.getMessage(), e);
        }
    }
}
