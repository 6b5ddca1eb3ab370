package org.ems.security.domain;

import java.security.PrivateKey;
import java.util.Objects;
import org.ems.crypto.KeyLength;

/**
 * The key lengths that security servers and modules must have, set by the designated primary
 * security server and passed down at sign-on; a module whose key is shorter must recertify.
 * Primary security servers are outside the policy: their length is fixed at
 * {@link PssKeyList#PSS_KEY_LENGTH}. Signed form: {@link SignedKeyLengthPolicy}.
 */
public record KeyLengthPolicy(long version, KeyLength securityServers, KeyLength modules) {

    public KeyLengthPolicy {
        if (version < 0) {
            throw new IllegalArgumentException("negative policy version " + version);
        }
        Objects.requireNonNull(securityServers, "securityServers");
        Objects.requireNonNull(modules, "modules");
    }

    /** The minimum key length for a role. */
    public KeyLength requiredFor(ModuleRole role) {
        return switch (role) {
            case PRIMARY_SECURITY_SERVER -> PssKeyList.PSS_KEY_LENGTH;
            case SECURITY_SERVER -> securityServers;
            default -> modules;
        };
    }

    /** Whether the certificate's key is at least as long as its role requires. */
    public boolean isSatisfiedBy(Certificate certificate) {
        return certificate.keyLength().isAtLeast(requiredFor(certificate.subjectRole()));
    }

    /** Shorthand: the encoded {@link SignedKeyLengthPolicy} of this policy. */
    public byte[] sign(ModuleId signer, PrivateKey key) {
        return SignedKeyLengthPolicy.sign(this, signer, key).encoded();
    }

    /** Shorthand: decodes a {@link SignedKeyLengthPolicy} and verifies it against the PSS key list. */
    public static KeyLengthPolicy decodeVerified(byte[] encoded, PssKeyList pssKeys) {
        SignedKeyLengthPolicy signed = SignedKeyLengthPolicy.decode(encoded);
        signed.verify(pssKeys);
        return signed.policy();
    }
}
