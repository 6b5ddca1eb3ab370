package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.security.domain.TestHierarchy.*;

import java.time.Instant;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateIssuerTest {

    @ParameterizedTest
    @EnumSource(value = ModuleRole.class, names = {"TELLER", "MONEY_GENERATOR", "CUSTOMER_SERVICE", "TRANSACTION"})
    void securityServerCertifiesEachModuleRole(ModuleRole role) {
        ModuleId id = SCHEME.idFor(role, role.lowestResidue() + 5);
        Certificate cert = CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), id, role, MODULE_KEYS.getPublic(),
                ISSUED, EXPIRES, SCHEME);
        assertThat(cert.subjectRole()).isEqualTo(role);
        validator().validateModule(cert, role, ExpiryCheck.ENFORCE);
    }

    @Test
    void refusesIdsNotAuthenticForTheRole() {
        ModuleId tellerId = SCHEME.idFor(ModuleRole.TELLER, 1_000_000);
        assertThatThrownBy(() -> CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), tellerId, ModuleRole.TRANSACTION,
                MODULE_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateIssuer.certifySecurityServer(PSS_ID, PSS_KEYS.getPrivate(), tellerId,
                SS_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateIssuer.certifySecurityServer(SS_ID, PSS_KEYS.getPrivate(), SS2_ID,
                SS_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME)).as("issuer id not a PSS").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesRolesASecurityServerDoesNotCertify() {
        assertThatThrownBy(() -> CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), SS2_ID, ModuleRole.SECURITY_SERVER,
                MODULE_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateIssuer.certifyModule(MODULE_CERT, MODULE_KEYS.getPrivate(), MODULE_ID,
                ModuleRole.TRANSACTION, MODULE_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a security server");
    }

    @Test
    void refusesASigningKeyThatIsNotTheSecurityServers() {
        assertThatThrownBy(() -> CertificateIssuer.certifyModule(SS_CERT, SS2_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                MODULE_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void primarySecurityServersSignWithP521Only() {
        var p256 = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        assertThatThrownBy(() -> CertificateIssuer.certifySecurityServer(PSS_ID, p256.getPrivate(), SS_ID, SS_KEYS.getPublic(),
                ISSUED, EXPIRES, SCHEME)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDatesInTheWrongOrderAndTruncatesToMillis() {
        assertThatThrownBy(() -> CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                MODULE_KEYS.getPublic(), EXPIRES, EXPIRES, SCHEME)).isInstanceOf(IllegalArgumentException.class);
        Instant withNanos = ISSUED.plusNanos(123_456_789);
        Certificate cert = CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                MODULE_KEYS.getPublic(), withNanos, EXPIRES, SCHEME);
        assertThat(cert.issuedAt()).isEqualTo(ISSUED.plusMillis(123));
        assertThat(Certificate.decode(cert.encoded()).issuedAt()).isEqualTo(cert.issuedAt());
    }
}
