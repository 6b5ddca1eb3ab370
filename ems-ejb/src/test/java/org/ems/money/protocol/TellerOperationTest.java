package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.protocol.TellerOperation.Kind;
import org.ems.money.protocol.TellerOperation.Phase;
import org.junit.jupiter.api.Test;

/** The teller operation's state machine: every branch, and what each commands. */
class TellerOperationTest {

    private static final CurrencyCode USD = CurrencyCode.of("USD");

    @Test
    void aWithdrawalCollectsRetiresPostsAndPaysOutTheSumFresh() {
        TellerOperation.Step start = TellerOperation.start(Kind.WITHDRAWAL, usd(200), usd(300));
        assertThat(start.commands()).containsExactly(new TellerOperation.Collect(usd(300)));
        TellerOperation.Step collected = start.operation().collected();
        assertThat(collected.commands()).containsExactly(new TellerOperation.Retire(usd(300)),
                new TellerOperation.Post(Kind.WITHDRAWAL, usd(200)));
        TellerOperation.Step approved = collected.operation().bankApproved();
        assertThat(approved.commands()).containsExactly(new TellerOperation.IssueAndPay(usd(500)));
        assertThat(approved.operation().paidOut().operation().phase()).isEqualTo(Phase.COMPLETED);
    }

    @Test
    void anEmptyModuleGoesStraightToTheBank() {
        TellerOperation.Step start = TellerOperation.start(Kind.WITHDRAWAL, usd(200), usd(0));
        assertThat(start.operation().phase()).isEqualTo(Phase.BANKING);
        assertThat(start.commands()).containsExactly(new TellerOperation.Post(Kind.WITHDRAWAL, usd(200)));
    }

    @Test
    void aDepositOfEverythingEndsWithoutAPayout() {
        TellerOperation op = TellerOperation.start(Kind.DEPOSIT, usd(300), usd(300)).operation().collected().operation();
        TellerOperation.Step approved = op.bankApproved();
        assertThat(approved.operation().phase()).isEqualTo(Phase.COMPLETED);
        assertThat(approved.commands()).isEmpty();
    }

    @Test
    void aDepositOfMoreThanTheBalanceIsRefusedAtTheStart() {
        assertThatThrownBy(() -> TellerOperation.start(Kind.DEPOSIT, usd(301), usd(300))).isInstanceOf(InsufficientFundsException.class);
        assertThatThrownBy(() -> TellerOperation.start(Kind.WITHDRAWAL, usd(0), usd(300))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBankRefusalPaysBackWhatWasReturnedOrEndsWhenNothingWas() {
        TellerOperation banking = TellerOperation.start(Kind.WITHDRAWAL, usd(200), usd(300)).operation().collected().operation();
        TellerOperation.Step refused = banking.bankRefused("INSUFFICIENT_FUNDS");
        assertThat(refused.commands()).containsExactly(new TellerOperation.IssueAndPay(usd(300)));
        assertThat(refused.operation().paidOut().operation().phase()).isEqualTo(Phase.REFUSED);

        TellerOperation empty = TellerOperation.start(Kind.WITHDRAWAL, usd(200), usd(0)).operation();
        assertThat(empty.bankRefused("UNKNOWN_ACCOUNT").operation().phase()).isEqualTo(Phase.REFUSED);
    }

    @Test
    void aCollectThatFailsPostsNothing() {
        TellerOperation.Step failed = TellerOperation.start(Kind.DEPOSIT, usd(100), usd(300)).operation().collectFailed();
        assertThat(failed.operation().phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.commands()).isEmpty();
    }

    @Test
    void anAbortedWithdrawalPayoutIsReversedAndTheReturnedValueCredited() {
        TellerOperation paying = TellerOperation.start(Kind.WITHDRAWAL, usd(200), usd(300)).operation().collected().operation()
                .bankApproved().operation();
        TellerOperation.Step aborted = paying.payoutAborted();
        assertThat(aborted.commands()).containsExactly(new TellerOperation.Retire(usd(500)), new TellerOperation.Reverse(),
                new TellerOperation.CreditAccount(usd(300)));
        TellerOperation one = aborted.operation().followUpAnswered(true).operation();
        assertThat(one.phase()).isEqualTo(Phase.RETURNING_TO_ACCOUNT);
        assertThat(one.followUpAnswered(true).operation().phase()).isEqualTo(Phase.RETURNED_TO_ACCOUNT);
        assertThat(one.followUpAnswered(false).operation().phase()).isEqualTo(Phase.ATTENTION);
    }

    @Test
    void anAbortedDepositPayoutCreditsTheRest() {
        TellerOperation paying = TellerOperation.start(Kind.DEPOSIT, usd(100), usd(300)).operation().collected().operation()
                .bankApproved().operation();
        assertThat(paying.payoutAborted().commands()).containsExactly(new TellerOperation.Retire(usd(200)),
                new TellerOperation.CreditAccount(usd(200)));
    }

    @Test
    void eventsOutOfOrderAreRefused() {
        TellerOperation collecting = TellerOperation.start(Kind.WITHDRAWAL, usd(200), usd(300)).operation();
        assertThatThrownBy(collecting::bankApproved).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(collecting::paidOut).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> collecting.followUpAnswered(true)).isInstanceOf(IllegalStateException.class);
    }

    private static Money usd(long cents) {
        return Money.of(USD, cents);
    }
}
