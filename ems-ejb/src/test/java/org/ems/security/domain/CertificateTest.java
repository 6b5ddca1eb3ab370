package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.security.domain.TestHierarchy.*;

import java.security.KeyPair;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.junit.jupiter.api.Test;

class CertificateTest {

    @Test
    void securityServerCertificateRoundTrips() {
        Certificate decoded = Certificate.decode(SS_CERT.encoded());

        assertThat(decoded).isEqualTo(SS_CERT).hasSameHashCodeAs(SS_CERT);
        assertThat(decoded.subjectId()).isEqualTo(SS_ID);
        assertThat(decoded.subjectRole()).isEqualTo(ModuleRole.SECURITY_SERVER);
        assertThat(decoded.publicKey()).isEqualTo(SS_KEYS.getPublic());
        assertThat(decoded.keyLength()).isEqualTo(KeyLength.P256);
        assertThat(decoded.issuedAt()).isEqualTo(ISSUED);
        assertThat(decoded.expiresAt()).isEqualTo(EXPIRES);
        assertThat(decoded.issuerId(SCHEME)).isEqualTo(PSS_ID);
        assertThat(decoded.maskedIssuerId()).isEqualTo(PSS_ID.value() ^ SCHEME.c());
        assertThat(decoded.issuerCertificate()).isEmpty();
        assertThat(decoded.purpose()).isEqualTo(Purpose.SECURITY_SERVER_CERTIFICATE);
        assertThat(CanonicalReader.peekPurpose(decoded.signedPayload())).isEqualTo(Purpose.SECURITY_SERVER_CERTIFICATE);
        assertThat(Crypto.verify(PSS_KEYS.getPublic(), decoded.signedPayload(), decoded.signature())).isTrue();
    }

    @Test
    void moduleCertificateRoundTripsWithItsSecurityServerCertificate() {
        Certificate decoded = Certificate.decode(MODULE_CERT.encoded());

        assertThat(decoded).isEqualTo(MODULE_CERT);
        assertThat(decoded.subjectId()).isEqualTo(MODULE_ID);
        assertThat(decoded.subjectRole()).isEqualTo(ModuleRole.TRANSACTION);
        assertThat(decoded.issuerCertificate()).contains(SS_CERT);
        assertThat(decoded.issuerId(SCHEME)).isEqualTo(SS_ID);
        assertThat(decoded.purpose()).isEqualTo(Purpose.MODULE_CERTIFICATE);
        assertThat(Crypto.verify(SS_KEYS.getPublic(), decoded.signedPayload(), decoded.signature())).isTrue();
    }

    @Test
    void accessorsReturnCopies() {
        byte[] encoded = MODULE_CERT.encoded();
        encoded[10] ^= 1;
        MODULE_CERT.signature()[0] ^= 1;
        MODULE_CERT.signedPayload()[0] ^= 1;
        assertThat(Certificate.decode(MODULE_CERT.encoded())).isEqualTo(MODULE_CERT);
        assertThat(encoded).isNotEqualTo(MODULE_CERT.encoded());
    }

    @Test
    void garbageIsMalformed() {
        assertMalformed(() -> Certificate.decode(new byte[0]));
        assertMalformed(() -> Certificate.decode(new byte[] {0, 0, 0, 1, 0, 0, 0, 9}));
        assertMalformed(() -> Certificate.decode("not a certificate at all".getBytes()));
        assertMalformed(() -> Certificate.decode(new byte[Certificate.MAX_ENCODED_BYTES + 1]));
    }

    @Test
    void everyTruncationIsMalformed() {
        byte[] encoded = MODULE_CERT.encoded();
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertMalformed(() -> Certificate.decode(truncated));
        }
    }

    @Test
    void trailingBytesAreMalformed() {
        byte[] encoded = MODULE_CERT.encoded();
        assertMalformed(() -> Certificate.decode(Arrays.copyOf(encoded, encoded.length + 1)));
    }

    @Test
    void declaredKeyLengthMustBeTheKeys() {
        byte[] payload = new CanonicalWriter(Purpose.MODULE_CERTIFICATE)
                .putInt(Certificate.FORMAT_VERSION).putLong(MODULE_ID.value()).putInt(ModuleRole.TRANSACTION.code())
                .putInt(384) // the key is P-256
                .putBytes(MODULE_KEYS.getPublic().getEncoded())
                .putInstant(ISSUED).putInstant(EXPIRES).putLong(SCHEME.mask(SS_ID)).toBytes();
        assertMalformed(() -> Certificate.assemble(payload, Crypto.sign(SS_KEYS.getPrivate(), payload), SS_CERT));
    }

    @Test
    void unknownFormatVersionIsMalformed() {
        byte[] payload = new CanonicalWriter(Purpose.MODULE_CERTIFICATE)
                .putInt(Certificate.FORMAT_VERSION + 1).putLong(MODULE_ID.value()).putInt(ModuleRole.TRANSACTION.code())
                .putInt(256).putBytes(MODULE_KEYS.getPublic().getEncoded())
                .putInstant(ISSUED).putInstant(EXPIRES).putLong(SCHEME.mask(SS_ID)).toBytes();
        assertMalformed(() -> Certificate.assemble(payload, Crypto.sign(SS_KEYS.getPrivate(), payload), SS_CERT));
    }

    @Test
    void structureMustFitTheTier() {
        // a module certificate without Cert(SS)
        assertMalformed(() -> forgeModule(MODULE_ID, ModuleRole.TRANSACTION, ISSUED, EXPIRES, SS_KEYS, null));
        // a module certificate carrying a module certificate as its issuer
        assertMalformed(() -> forgeModule(MODULE_ID, ModuleRole.TRANSACTION, ISSUED, EXPIRES, SS_KEYS, MODULE_CERT));
        // a security server certificate carrying another certificate
        assertMalformed(() -> forge(SS_ID, ModuleRole.SECURITY_SERVER, SS_KEYS, ISSUED, EXPIRES, SCHEME.mask(PSS_ID), PSS_KEYS, SS2_CERT));
        // a PSS is never certified
        assertMalformed(() -> forge(PSS_ID, ModuleRole.PRIMARY_SECURITY_SERVER, PSS_KEYS, ISSUED, EXPIRES, SCHEME.mask(PSS_ID), PSS_KEYS, null));
        // expiry before issue
        assertMalformed(() -> forgeModule(MODULE_ID, ModuleRole.TRANSACTION, EXPIRES, ISSUED, SS_KEYS, SS_CERT));
    }

    @Test
    void nestingStopsAfterOneLevel() {
        // hand-made: Cert(M) whose attached Cert(SS) bytes carry yet another certificate
        byte[] ssWithTail = new CanonicalWriter(Purpose.ENVELOPE)
                .putBytes(SS_CERT.signedPayload()).putBytes(SS_CERT.signature()).putBytes(SS2_CERT.encoded()).toBytes();
        byte[] encoded = new CanonicalWriter(Purpose.ENVELOPE)
                .putBytes(MODULE_CERT.signedPayload()).putBytes(MODULE_CERT.signature()).putBytes(ssWithTail).toBytes();
        assertMalformed(() -> Certificate.decode(encoded));
    }

    @Test
    void differentCertificatesAreNotEqual() {
        KeyPair otherKeys = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        Certificate other = CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                otherKeys.getPublic(), ISSUED, EXPIRES, SCHEME);
        assertThat(other).isNotEqualTo(MODULE_CERT);
        assertThat(MODULE_CERT.toString()).contains("TRANSACTION", MODULE_ID.toString());
    }

    static void assertMalformed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CertificateRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED));
    }
}
