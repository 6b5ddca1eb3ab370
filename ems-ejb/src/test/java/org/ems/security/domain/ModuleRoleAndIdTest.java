package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModuleRoleAndIdTest {

    private static final long P = (1L << 47) + 297; // any p above the ranges will do for range checks

    @Test
    void rangeBoundariesFollowThePatent() {
        assertThat(ModuleRole.ofResidue(2, P)).isEqualTo(ModuleRole.PRIMARY_SECURITY_SERVER);
        assertThat(ModuleRole.ofResidue(99_999, P)).isEqualTo(ModuleRole.PRIMARY_SECURITY_SERVER);
        assertThat(ModuleRole.ofResidue(100_000, P)).isEqualTo(ModuleRole.SECURITY_SERVER);
        assertThat(ModuleRole.ofResidue(999_999, P)).isEqualTo(ModuleRole.SECURITY_SERVER);
        assertThat(ModuleRole.ofResidue(1_000_000, P)).isEqualTo(ModuleRole.TELLER);
        assertThat(ModuleRole.ofResidue(6_999_999, P)).isEqualTo(ModuleRole.TELLER);
        assertThat(ModuleRole.ofResidue(7_000_000, P)).isEqualTo(ModuleRole.MONEY_GENERATOR);
        assertThat(ModuleRole.ofResidue(9_999_999, P)).isEqualTo(ModuleRole.MONEY_GENERATOR);
        assertThat(ModuleRole.ofResidue(10_000_000, P)).isEqualTo(ModuleRole.CUSTOMER_SERVICE);
        assertThat(ModuleRole.ofResidue(11_999_999, P)).isEqualTo(ModuleRole.CUSTOMER_SERVICE);
        assertThat(ModuleRole.ofResidue(12_000_000, P)).isEqualTo(ModuleRole.TRANSACTION);
        assertThat(ModuleRole.ofResidue(P - 1, P)).isEqualTo(ModuleRole.TRANSACTION);
    }

    @Test
    void residuesOutside2ToPMinus1BelongToNoRole() {
        assertThatThrownBy(() -> ModuleRole.ofResidue(1, P)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModuleRole.ofResidue(0, P)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModuleRole.ofResidue(P, P)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ModuleRole.TRANSACTION.contains(P, P)).isFalse();
        assertThat(ModuleRole.TRANSACTION.highestResidue(P)).isEqualTo(P - 1);
        assertThat(ModuleRole.TELLER.highestResidue(P)).isEqualTo(6_999_999);
        assertThatThrownBy(() -> ModuleRole.TRANSACTION.highestResidue(12_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codesAreStableAndOnlySecurityServersCertifyModules() {
        for (ModuleRole role : ModuleRole.values()) {
            assertThat(ModuleRole.ofCode(role.code())).isSameAs(role);
        }
        assertThat(ModuleRole.TRANSACTION.code()).isEqualTo(6);
        assertThatThrownBy(() -> ModuleRole.ofCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ModuleRole.SECURITY_SERVER.isCertifiedBySecurityServer()).isFalse();
        assertThat(ModuleRole.PRIMARY_SECURITY_SERVER.isCertifiedBySecurityServer()).isFalse();
        assertThat(CertificateIssuer.MODULE_ROLES).allMatch(ModuleRole::isCertifiedBySecurityServer).hasSize(4);
    }

    @Test
    void moduleIdsAreOneTo2Pow48AndPrintAsNumbers() {
        assertThat(new ModuleId(123).toString()).isEqualTo("123");
        assertThat(ModuleId.parse("123")).isEqualTo(new ModuleId(123));
        assertThatThrownBy(() -> new ModuleId(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModuleId(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModuleId(1L << 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModuleId.parse("12x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModuleId.parse("1".repeat(40))).hasMessageContaining("too long");
        assertThat(new ModuleId(2).compareTo(new ModuleId(10))).isNegative();
    }
}
