package org.ems.bank.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.bank.domain.BankFixtures.BANK;
import static org.ems.bank.domain.BankFixtures.T0;
import static org.ems.bank.domain.BankFixtures.jpy;
import static org.ems.bank.domain.BankFixtures.number;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.ems.bank.domain.BankRequest.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gateway requests in, replies out: approvals carry the entry, refusals the reason, redeliveries the same entry. */
class BankRequestHandlerTest {

    private static final AccountNumber ALICE = number("100");
    private static final AccountNumber SHOP = number("200");
    private static final AccountNumber CLEARING = number("900");
    /** The test's "sealing": the PIN's ASCII bytes prefixed by 0x7F; anything else does not open. */
    private static final PinBlockOpener OPENER = (block, correlation) ->
            block.length > 1 && block[0] == 0x7F ? new String(block, 1, block.length - 1, StandardCharsets.US_ASCII).toCharArray() : null;

    private Ledger ledger;
    private BankRequestHandler handler;

    @BeforeEach
    void open() {
        InMemoryBankRepository repository = new InMemoryBankRepository();
        ledger = new Ledger(BANK, repository);
        ledger.open(BankFixtures.deposit("100", "JPY", 0));
        ledger.open(BankFixtures.deposit("200", "JPY", 0));
        ledger.open(BankFixtures.internal("900", "JPY"));
        ledger.post("fund", EntryKind.DEPOSIT_FROM_EMS, CLEARING, ALICE, jpy(5_000), T0);
        ledger.assignTerminal("POS-1", SHOP, T0);
        handler = new BankRequestHandler(ledger, OPENER, repository);
    }

    @Test
    void aWithdrawalIsApprovedOnceEvenWhenRedelivered() {
        BankRequest request = new BankRequest(UUID.randomUUID(), "w-1", Kind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(1_000),
                null, null, null);
        BankReply first = handler.handle(request, T0);
        BankReply redelivered = handler.handle(BankRequest.decode(request.encode()), T0.plusSeconds(30));

        assertThat(first.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(redelivered).isEqualTo(first);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(4_000));
    }

    @Test
    void aPosSaleNeedsAPinBlockThatOpensToThePin() {
        BankReply approved = handler.handle(pos("s-1", pinBlock("4711")), T0);
        BankReply wrong = handler.handle(pos("s-2", pinBlock("1234")), T0);
        BankReply sealedBadly = handler.handle(pos("s-3", new byte[] {1, 2}), T0);

        assertThat(approved.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(wrong.reason()).isEqualTo(BankRefusal.WRONG_PIN);
        assertThat(sealedBadly.reason()).isEqualTo(BankRefusal.WRONG_PIN);
        assertThat(ledger.balance(SHOP)).isEqualTo(jpy(700));
    }

    @Test
    void refusalsBecomeRefusedRepliesAndChangeNothing() {
        BankReply tooMuch = handler.handle(new BankRequest(UUID.randomUUID(), "w-2", Kind.WITHDRAWAL_TO_EMS, ALICE, CLEARING,
                jpy(5_001), null, null, null), T0);
        BankReply unknown = handler.handle(new BankRequest(UUID.randomUUID(), "r-1", Kind.REVERSAL, null, null, null, null,
                UUID.randomUUID(), null), T0);

        assertThat(tooMuch.reason()).isEqualTo(BankRefusal.INSUFFICIENT_FUNDS);
        assertThat(tooMuch.entryId()).isNull();
        assertThat(unknown.reason()).isEqualTo(BankRefusal.UNKNOWN_ENTRY);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(5_000));
    }

    @Test
    void aLateCopyOfARefusedWithdrawalIsRefusedAgainEvenOnceTheFundsAreThere() {
        BankRequest refused = new BankRequest(UUID.randomUUID(), "w-late", Kind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(6_000),
                null, null, null);
        assertThat(handler.handle(refused, T0).reason()).isEqualTo(BankRefusal.INSUFFICIENT_FUNDS);
        ledger.post("more", EntryKind.DEPOSIT_FROM_EMS, CLEARING, ALICE, jpy(5_000), T0);   // the teller credited the account back

        BankReply late = handler.handle(new BankRequest(UUID.randomUUID(), "w-late", Kind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(6_000),
                null, null, null), T0.plusSeconds(60));
        BankReply other = handler.handle(new BankRequest(UUID.randomUUID(), "w-late", Kind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(10),
                null, null, null), T0.plusSeconds(60));

        assertThat(late.reason()).isEqualTo(BankRefusal.INSUFFICIENT_FUNDS);
        assertThat(other.reason()).isEqualTo(BankRefusal.IDEMPOTENCY_CONFLICT);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(10_000));
    }

    @Test
    void aRefusedPosTransferIsEvaluatedAgainUnderItsKey() {
        BankReply wrong = handler.handle(pos("s-9", pinBlock("1234")), T0);
        BankReply retried = handler.handle(pos("s-9", pinBlock("4711")), T0);
        assertThat(wrong.reason()).isEqualTo(BankRefusal.WRONG_PIN);
        assertThat(retried.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
    }

    @Test
    void aReversalRequestUndoesThePosting() {
        BankReply withdrawal = handler.handle(new BankRequest(UUID.randomUUID(), "w-3", Kind.WITHDRAWAL_TO_EMS, ALICE, CLEARING,
                jpy(2_000), null, null, null), T0);
        BankReply reversal = handler.handle(new BankRequest(UUID.randomUUID(), "r-3", Kind.REVERSAL, null, null, null, null,
                withdrawal.entryId(), null), T0);

        assertThat(reversal.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(5_000));
    }

    @Test
    void isActiveAnswersWithoutPosting() {
        assertThat(handler.handle(active(ALICE), T0).outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(handler.handle(active(number("404")), T0).reason()).isEqualTo(BankRefusal.UNKNOWN_ACCOUNT);
        assertThat(handler.handle(active(new AccountNumber(BankFixtures.OTHER_BANK, "1", "100")), T0).reason())
                .isEqualTo(BankRefusal.UNKNOWN_ACCOUNT);
    }

    private static BankRequest pos(String key, byte[] pinBlock) {
        return new BankRequest(UUID.randomUUID(), key, Kind.POS_TRANSFER, ALICE, SHOP, jpy(700), "POS-1", null, pinBlock);
    }

    private static BankRequest active(AccountNumber number) {
        return new BankRequest(UUID.randomUUID(), null, Kind.IS_ACTIVE, number, null, null, null, null, null);
    }

    private static byte[] pinBlock(String pin) {
        byte[] digits = pin.getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[digits.length + 1];
        block[0] = 0x7F;
        System.arraycopy(digits, 0, block, 1, digits.length);
        return block;
    }
}
