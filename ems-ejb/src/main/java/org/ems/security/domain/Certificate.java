package org.ems.security.domain;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;

/**
 * A certificate of the patent's two tiers:
 * <pre>
 * Cert(SS) = E_PSS[SS(id) | SS(PK) | expire date | sigma_PSS(X)] | [PSS(id) XOR C]
 * Cert(M)  = E_SS[M(id) || M(PK) || expire date || sigma_SS(Y)] || Cert(SS)
 * </pre>
 * "Encrypt with the issuer's private key" is realised as a signature over a canonical payload
 * (which anyone can read, as anyone can "decrypt" E with the public key):
 * {@code purpose | version | subject id | role code | key length bits | public key (X.509) |
 * issued at | expires at | issuer id XOR C}. The masked issuer id sits inside the signed part
 * (the patent leaves it outside): tampering with it then breaks the signature, not just the
 * lookup. Encoded form: {@code ENVELOPE | payload | signature | Cert(SS) or empty}.
 *
 * <p>Every instance is parsed from its payload bytes, whether issued or decoded, so fields and
 * bytes can never disagree. Decoding checks structure only; trust comes from
 * {@link CertificateValidator}. Immutable; equal when the encodings are equal.
 */
public final class Certificate {

    static final int FORMAT_VERSION = 1;
    public static final int MAX_ENCODED_BYTES = 4096;
    private static final int MAX_PAYLOAD_BYTES = 1024;
    private static final int MAX_SIGNATURE_BYTES = 256;
    private static final int MAX_PUBLIC_KEY_BYTES = 512;

    private final Purpose purpose;
    private final ModuleId subjectId;
    private final ModuleRole subjectRole;
    private final KeyLength keyLength;
    private final PublicKey publicKey;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final long maskedIssuerId;
    private final byte[] payload;
    private final byte[] signature;
    private final Certificate issuer;
    private final byte[] encoded;

    private Certificate(byte[] payload, byte[] signature, Certificate issuer) {
        this.purpose = CanonicalReader.peekPurpose(payload);
        CanonicalReader reader = new CanonicalReader(payload, purpose);
        if (reader.getInt() != FORMAT_VERSION) {
            throw new MalformedEncodingException("unknown certificate format version");
        }
        this.subjectId = new ModuleId(reader.getLong());
        this.subjectRole = ModuleRole.ofCode(reader.getInt());
        this.keyLength = KeyLength.ofBits(reader.getInt());
        this.publicKey = Crypto.decodePublicKey(reader.getBytes(MAX_PUBLIC_KEY_BYTES));
        this.issuedAt = reader.getInstant();
        this.expiresAt = reader.getInstant();
        this.maskedIssuerId = reader.getLong();
        reader.end();
        this.payload = payload.clone();
        this.signature = signature.clone();
        this.issuer = issuer;
        checkStructure();
        this.encoded = encode();
    }

    /** The canonical payload that the issuer signs; package-private: only the issuer (and tests) build one. */
    static byte[] payload(ModuleId subject, ModuleRole role, PublicKey key, Instant issuedAt, Instant expiresAt, long maskedIssuerId) {
        Purpose purpose = role == ModuleRole.SECURITY_SERVER ? Purpose.SECURITY_SERVER_CERTIFICATE : Purpose.MODULE_CERTIFICATE;
        return new CanonicalWriter(purpose)
                .putInt(FORMAT_VERSION)
                .putLong(subject.value())
                .putInt(role.code())
                .putInt(KeyLength.of(key).bits())
                .putBytes(key.getEncoded())
                .putInstant(issuedAt)
                .putInstant(expiresAt)
                .putLong(maskedIssuerId)
                .toBytes();
    }

    /** Builds a certificate from its parts; structural problems: {@link CertificateRejectedException} MALFORMED. */
    static Certificate assemble(byte[] payload, byte[] signature, Certificate issuer) {
        try {
            return new Certificate(payload, signature, issuer);
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            throw new CertificateRejectedException(RejectionReason.MALFORMED, e.getMessage(), e);
        }
    }

    /** Decodes {@link #encoded()}; any other bytes: {@link CertificateRejectedException} MALFORMED. */
    public static Certificate decode(byte[] encoded) {
        return decode(encoded, true);
    }

    /** Cert(SS) inside Cert(M) is decoded with {@code mayCarryIssuer} false: nesting stops after one level. */
    private static Certificate decode(byte[] encoded, boolean mayCarryIssuer) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new CertificateRejectedException(RejectionReason.MALFORMED, encoded.length + " bytes");
        }
        try {
            CanonicalReader reader = new CanonicalReader(encoded, Purpose.ENVELOPE);
            byte[] payload = reader.getBytes(MAX_PAYLOAD_BYTES);
            byte[] signature = reader.getBytes(MAX_SIGNATURE_BYTES);
            byte[] issuerBytes = reader.getBytes(MAX_ENCODED_BYTES);
            reader.end();
            if (issuerBytes.length > 0 && !mayCarryIssuer) {
                throw new MalformedEncodingException("certificates nest one level at most");
            }
            Certificate issuer = issuerBytes.length == 0 ? null : decode(issuerBytes, false);
            return assemble(payload, signature, issuer);
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            throw new CertificateRejectedException(RejectionReason.MALFORMED, e.getMessage(), e);
        }
    }

    private void checkStructure() {
        boolean securityServer = purpose == Purpose.SECURITY_SERVER_CERTIFICATE;
        if (!securityServer && purpose != Purpose.MODULE_CERTIFICATE) {
            throw new MalformedEncodingException("not a certificate: " + purpose);
        }
        if (securityServer != (subjectRole == ModuleRole.SECURITY_SERVER)
                || (!securityServer && !subjectRole.isCertifiedBySecurityServer())) {
            throw new MalformedEncodingException("role " + subjectRole + " cannot have a " + purpose);
        }
        if (KeyLength.of(publicKey) != keyLength) {
            throw new MalformedEncodingException("declared key length differs from the key's");
        }
        if (!issuedAt.isBefore(expiresAt)) {
            throw new MalformedEncodingException("expires before it is issued");
        }
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
            throw new MalformedEncodingException("signature of " + signature.length + " bytes");
        }
        if (securityServer ? issuer != null : issuer == null || issuer.subjectRole != ModuleRole.SECURITY_SERVER) {
            throw new MalformedEncodingException(securityServer ? "Cert(SS) carries another certificate" : "Cert(M) lacks Cert(SS)");
        }
    }

    private byte[] encode() {
        return new CanonicalWriter(Purpose.ENVELOPE)
                .putBytes(payload)
                .putBytes(signature)
                .putBytes(issuer == null ? new byte[0] : issuer.encoded)
                .toBytes();
    }

    public ModuleId subjectId() {
        return subjectId;
    }

    public ModuleRole subjectRole() {
        return subjectRole;
    }

    /** The subject's key, decoded once when the certificate was built. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The key length the certificate declares ("PK includes length of key"); equal to the key's own. */
    public KeyLength keyLength() {
        return keyLength;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** For Cert(SS): PSS(id) XOR C; for Cert(M): SS(id) XOR C. */
    public long maskedIssuerId() {
        return maskedIssuerId;
    }

    /** The issuer's id, unmasked with the scheme's C; {@link IllegalArgumentException} if that is no id. */
    public ModuleId issuerId(NumberingScheme scheme) {
        return scheme.unmask(maskedIssuerId);
    }

    /** SECURITY_SERVER_CERTIFICATE or MODULE_CERTIFICATE. */
    public Purpose purpose() {
        return purpose;
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** Cert(SS), carried by every module certificate; empty for a security server certificate. */
    public Optional<Certificate> issuerCertificate() {
        return Optional.ofNullable(issuer);
    }

    /** The canonical bytes that the signature covers. */
    public byte[] signedPayload() {
        return payload.clone();
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    /** Whether the signature verifies with this key; the validator decides which key. */
    boolean isSignedBy(PublicKey issuerKey) {
        return Crypto.verify(issuerKey, payload, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Certificate that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Certificate[" + subjectRole + " " + subjectId + ", " + keyLength + ", " + issuedAt + ".." + expiresAt + "]";
    }
}
