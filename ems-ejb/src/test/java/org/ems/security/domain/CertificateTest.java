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
        assertThatThrownBy(() -> Certificate.decode(new byte[Certificate.MAX_ENCODED_BYTES + 1]))
                .isInstanceOf(CertificateRejectedException.class)
                .hasMessageContaining((Certificate.MAX_ENCODED_BYTES + 1) + " bytes"); // refused before any parsing
    }

    @Test
    void payloadOfAnotherPurposeIsNoCertificate() {
        byte[] payload = payloadWith(Purpose.BAD_ID_LIST, MODULE_ID, ModuleRole.TRANSACTION, MODULE_KEYS);
        assertMalformed(() -> Certificate.assemble(payload, Crypto.sign(SS_KEYS.getPrivate(), payload), SS_CERT));
    }

    @Test
    void purposeAndRoleMustAgree() {
        byte[] ssAsModule = payloadWith(Purpose.MODULE_CERTIFICATE, SS2_ID, ModuleRole.SECURITY_SERVER, SS2_KEYS);
        assertMalformed(() -> Certificate.assemble(ssAsModule, Crypto.sign(SS_KEYS.getPrivate(), ssAsModule), SS_CERT));
        byte[] tellerAsSs = payloadWith(Purpose.SECURITY_SERVER_CERTIFICATE, MODULE_ID, ModuleRole.TELLER, MODULE_KEYS);
        assertMalformed(() -> Certificate.assemble(tellerAsSs, Crypto.sign(PSS_KEYS.getPrivate(), tellerAsSs), null));
        byte[] pssAsModule = payloadWith(Purpose.MODULE_CERTIFICATE, PSS_ID, ModuleRole.PRIMARY_SECURITY_SERVER, PSS_KEYS);
        assertMalformed(() -> Certificate.assemble(pssAsModule, Crypto.sign(SS_KEYS.getPrivate(), pssAsModule), SS_CERT));
    }

    @Test
    void signatureLengthIsBounded() {
        assertMalformed(() -> Certificate.assemble(MODULE_CERT.signedPayload(), new byte[0], SS_CERT));
        assertMalformed(() -> Certificate.assemble(MODULE_CERT.signedPayload(), new byte[257], SS_CERT));
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
        assertThatThrownBy(() -> Certificate.decode(encoded)).isInstanceOf(CertificateRejectedException.class)
                .hasMessageContaining("nest"); // stopped before decoding the third level
    }

    @Test
    void differentCertificatesAreNotEqual() {
        KeyPair otherKeys = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        Certificate other = CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                otherKeys.getPublic(), ISSUED, EXPIRES, SCHEME);
        assertThat(other).isNotEqualTo(MODULE_CERT);
        assertThat(MODULE_CERT.toString()).contains("TRANSACTION", MODULE_ID.toString());
    }

    private static byte[] payloadWith(Purpose purpose, ModuleId subject, ModuleRole role, KeyPair keys) {
        return new CanonicalWriter(purpose)
                .putInt(Certificate.FORMAT_VERSION).putLong(subject.value()).putInt(role.code())
                .putInt(KeyLength.of(keys.getPublic()).bits()).putBytes(keys.getPublic().getEncoded())
                .putInstant(ISSUED).putInstant(EXPIRES).putLong(SCHEME.mask(SS_ID)).toBytes();
    }

    static void assertMalformed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CertificateRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED));
    }
}
