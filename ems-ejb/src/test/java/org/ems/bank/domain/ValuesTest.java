package org.ems.bank.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bank codes, account numbers and ledger amounts: validation, bounds, canonical text. */
class ValuesTest {

    @Test
    void bankCodesAreThreeToEightUpperCaseLettersOrDigits() {
        assertThat(new BankId("0001").code()).isEqualTo("0001");
        assertThat(new BankId("BANKJPJT").toString()).isEqualTo("BANKJPJT");
        for (String bad : new String[] {null, "", "AB", "abcd", "BANKJPJTX", "12 4", "A-B1"}) {
            assertThatThrownBy(() -> new BankId(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void accountNumbersRoundTripThroughTheirCanonicalText() {
        AccountNumber number = new AccountNumber(new BankId("0001"), "123", "0012345");
        assertThat(number.toString()).isEqualTo("0001-123-0012345");
        assertThat(AccountNumber.parse("0001-123-0012345")).isEqualTo(number);
        AccountNumber longest = new AccountNumber(new BankId("ABCDEFGH"), "123456", "12345678901234567890");
        assertThat(longest.toString()).hasSize(AccountNumber.MAX_TEXT_LENGTH);
        assertThat(AccountNumber.parse(longest.toString())).isEqualTo(longest);
        assertThat(number.isAt(new BankId("0001"))).isTrue();
        assertThat(number.isAt(new BankId("0002"))).isFalse();
    }

    @Test
    void malformedAccountNumbersAreRefused() {
        for (String bad : new String[] {null, "", "0001-123", "0001-123-45-6", "0001--45", "0001-1234567-1",
                "0001-1-123456789012345678901", "0001-1a-1", "0001-1-1 ", "0001-123-0012345-"}) {
            assertThatThrownBy(() -> AccountNumber.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AccountNumber.parse("X".repeat(AccountNumber.MAX_TEXT_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountNumber(null, "1", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void amountsCheckTheirCurrencyAndStayInBounds() {
        LedgerAmount ten = LedgerAmount.of(10, "JPY");
        assertThat(ten.plus(LedgerAmount.of(5, "JPY"))).isEqualTo(LedgerAmount.of(15, "JPY"));
        assertThat(ten.minus(LedgerAmount.of(15, "JPY"))).isEqualTo(LedgerAmount.of(-5, "JPY"));
        assertThat(ten.negate().minor()).isEqualTo(-10);
        assertThat(LedgerAmount.zero("USD").isPositive()).isFalse();
        assertThatThrownBy(() -> ten.plus(LedgerAmount.of(1, "USD"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerAmount.of(LedgerAmount.MAX_ABS_MINOR + 1, "USD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerAmount.of(LedgerAmount.MAX_ABS_MINOR, "USD").plus(LedgerAmount.of(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
        for (String bad : new String[] {null, "usd", "US", "USDX", "XQQ"}) {
            assertThatThrownBy(() -> LedgerAmount.of(1, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusalCodesAreStableAndUnique() {
        for (BankRefusal refusal : BankRefusal.values()) {
            assertThat(BankRefusal.ofCode(refusal.code())).isSameAs(refusal);
        }
        assertThat(BankRefusal.INSUFFICIENT_FUNDS.code()).isEqualTo(5);
        assertThatThrownBy(() -> BankRefusal.ofCode(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
