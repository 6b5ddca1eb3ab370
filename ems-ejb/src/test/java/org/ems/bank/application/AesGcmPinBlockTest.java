package org.ems.bank.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.UUID;
import org.ems.bank.domain.BankId;
import org.junit.jupiter.api.Test;

class AesGcmPinBlockTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BankId BANK = new BankId("BANKA");

    @Test
    void opensOnlyForTheSameKeyBankAndRequest() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        UUID correlation = UUID.randomUUID();
        byte[] block = AesGcmPinBlock.seal(key, BANK, correlation, "123456".toCharArray(), RANDOM);

        assertThat(block.length).isEqualTo(12 + 6 + 16);
        assertThat(AesGcmPinBlock.open(key, BANK, correlation, block)).containsExactly('1', '2', '3', '4', '5', '6');
        assertThat(AesGcmPinBlock.open(key, BANK, UUID.randomUUID(), block)).isNull();
        assertThat(AesGcmPinBlock.open(key, new BankId("BANKB"), correlation, block)).isNull();
        assertThat(AesGcmPinBlock.open(new byte[32], BANK, correlation, block)).isNull();
        block[block.length - 1] ^= 1;
        assertThat(AesGcmPinBlock.open(key, BANK, correlation, block)).isNull();
        assertThat(AesGcmPinBlock.open(key, BANK, correlation, new byte[] {1, 2, 3})).isNull();
        assertThat(AesGcmPinBlock.open(key, BANK, correlation, null)).isNull();
    }
}
