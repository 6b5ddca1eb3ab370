package org.ems.bank.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.bank.domain.BankFixtures.PIN;
import static org.ems.bank.domain.BankFixtures.T0;
import static org.ems.bank.domain.BankFixtures.deposit;
import static org.ems.bank.domain.BankFixtures.jpy;
import static org.ems.bank.domain.BankFixtures.number;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The account aggregate: every refusal is typed and leaves the balance as it was. */
class AccountTest {

    @Test
    void creditsRaiseAndDebitsLowerTheBalance() {
        Account account = deposit("1", "JPY", 0);
        account.credit(jpy(1000));
        account.debit(jpy(400));
        assertThat(account.balance()).isEqualTo(jpy(600));
        account.debit(jpy(600));
        assertThat(account.balance()).isEqualTo(jpy(0));
    }

    @Test
    void aDebitBeyondTheCreditLimitIsRefused() {
        Account account = deposit("1", "JPY", 500);
        account.credit(jpy(100));
        account.debit(jpy(600));
        assertThat(account.balance()).isEqualTo(jpy(-500));
        refused(() -> account.debit(jpy(1)), BankRefusal.INSUFFICIENT_FUNDS);
        assertThat(account.balance()).isEqualTo(jpy(-500));
    }

    @Test
    void aClosedAccountTakesNothing() {
        Account account = deposit("1", "JPY", 0);
        account.close();
        assertThat(account.isOpen()).isFalse();
        refused(() -> account.credit(jpy(1)), BankRefusal.ACCOUNT_CLOSED);
        refused(() -> account.debit(jpy(1)), BankRefusal.ACCOUNT_CLOSED);
        assertThat(account.balance()).isEqualTo(jpy(0));
    }

    @Test
    void anAccountHoldingMoneyCannotBeClosed() {
        Account account = deposit("1", "JPY", 0);
        account.credit(jpy(1));
        refused(account::close, BankRefusal.BALANCE_NOT_ZERO);
        assertThat(account.isOpen()).isTrue();
    }

    @Test
    void anotherCurrencyIsRefused() {
        Account account = deposit("1", "JPY", 1000);
        refused(() -> account.credit(LedgerAmount.of(1, "USD")), BankRefusal.CURRENCY_MISMATCH);
        refused(() -> account.debit(LedgerAmount.of(1, "USD")), BankRefusal.CURRENCY_MISMATCH);
        assertThat(account.balance()).isEqualTo(jpy(0));
    }

    @Test
    void zeroAndNegativeAmountsAreRefused() {
        Account account = deposit("1", "JPY", 1000);
        refused(() -> account.credit(jpy(0)), BankRefusal.NOT_POSITIVE);
        refused(() -> account.debit(jpy(-5)), BankRefusal.NOT_POSITIVE);
    }

    @Test
    void theBalanceIsBounded() {
        Account account = BankFixtures.internal("9", "JPY");
        account.credit(jpy(LedgerAmount.MAX_ABS_MINOR));
        refused(() -> account.credit(jpy(1)), BankRefusal.BALANCE_LIMIT);
    }

    @Test
    void internalAccountsHaveNoLimitAndNoPin() {
        Account clearing = BankFixtures.internal("9", "JPY");
        clearing.debit(jpy(LedgerAmount.MAX_ABS_MINOR));
        assertThat(clearing.kind()).isEqualTo(AccountKind.INTERNAL);
        assertThat(clearing.pinMatches(PIN)).isFalse();
    }

    @Test
    void customerAccountsNeedAPinAndValidFields() {
        assertThatThrownBy(() -> new Account(number("1"), "A", "JPY", AccountKind.DEPOSIT, 0, null, T0))
                .isInstanceOf(IllegalArgumentException.class);
        PinHash pin = BankFixtures.pin(PIN);
        assertThatThrownBy(() -> new Account(number("1"), "A", "JPY", AccountKind.INTERNAL, 0, pin, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account(number("1"), " ", "JPY", AccountKind.DEPOSIT, 0, pin, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account(number("1"), "A", "JPY", AccountKind.LOAN, -1, pin, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account(number("1"), "A", "QQQ", AccountKind.LOAN, 0, pin, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePinIsCheckedAndNeverShown() {
        Account account = deposit("1", "JPY", 0);
        assertThat(account.pinMatches("4711".toCharArray())).isTrue();
        assertThat(account.pinMatches("4712".toCharArray())).isFalse();
        assertThat(account.pinMatches("47".toCharArray())).isFalse();
        assertThat(account.pinMatches(null)).isFalse();
        assertThat(account.toString()).doesNotContain("4711").doesNotContain("Pin").doesNotContain("pin");
    }

    static void refused(ThrowingCallable call, BankRefusal reason) {
        assertThatThrownBy(call).isInstanceOf(BankRefusedException.class)
                .satisfies(e -> assertThat(((BankRefusedException) e).reason()).isEqualTo(reason));
    }
}
