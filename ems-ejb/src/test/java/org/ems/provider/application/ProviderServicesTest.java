package org.ems.provider.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.provider.application.ProviderFixture.jpy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.LedgerAmount;
import java.time.LocalDate;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.TransferRecord;
import org.ems.provider.domain.CallbackCall;
import org.ems.provider.domain.CallbackChallenge;
import org.ems.provider.domain.Charge;
import org.ems.provider.domain.EmoneyIssue;
import org.ems.provider.domain.EmoneyPiece;
import org.ems.provider.domain.IcCard;
import org.ems.provider.domain.ProviderRefusal;
import org.ems.provider.domain.ProviderRefusedException;
import org.ems.provider.domain.SettlementBatch;
import org.ems.provider.domain.SettlementInstruction;
import org.ems.provider.domain.SettlementKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider scheme of JP H9-147043 through its application services over the JTA harness and
 * two built-in banks: charge (figure 6), sale (figure 7), settlement (figure 8), and every refusal.
 */
class ProviderServicesTest {

    private static final BankId A = new BankId("BANKA");
    private static final BankId B = new BankId("BANKB");
    private static final String PT = "PT1";

    private ProviderFixture f;
    private AccountNumber providerA;
    private AccountNumber providerB;
    private AccountNumber user1;
    private AccountNumber user2;
    private AccountNumber merchantA;
    private AccountNumber merchantB;

    @BeforeEach
    void setUp() {
        f = new ProviderFixture("provider");
        f.openBank(A);
        f.openBank(B);
        providerA = f.providerAccount(A, "7001");
        providerB = f.providerAccount(B, "7002");
        f.providerTerminal(PT, A, B);
        user1 = f.customer(A, "101", "1111", 100_000);
        user2 = f.customer(B, "202", "2222", 100_000);
        merchantA = f.merchant(A, "301", "MA");
        merchantB = f.merchant(B, "302", "MB");
        f.card("CARD1", "1357");
        f.card("CARD2", "2468");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    // ---- charge (figure 6)

    @Test
    void aChargeMovesMoneyToTheProviderAtTheUsersBankAndTheCardGetsEmoneyOnlyAfterTheCallback() {
        UUID chargeId = f.tx(() -> f.chargers.charge(PT, "c1", user1, "1111".toCharArray(), jpy(5_000)));
        assertThat(f.gateway.queue).singleElement().satisfies(q -> {
            assertThat(q.bank()).isEqualTo(A);
            assertThat(q.request().kind()).isEqualTo(BankRequest.Kind.POS_TRANSFER);
            assertThat(q.request().terminalId()).isEqualTo("PT1-BANKA");
        });
        f.pump();
        assertThat(f.balance(user1)).isEqualTo(jpy(95_000));
        assertThat(f.balance(providerA)).isEqualTo(jpy(5_000));

        assertThat(f.tx(() -> f.chargers.insertCard(chargeId, "CARD1", "1357".toCharArray())).value())
                .isEqualTo(Charge.State.CARD_INSERTED);
        CallbackCall call = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        assertThat(f.cardBalance("CARD1")).isEqualTo(jpy(0));
        byte[] answer = f.tx(() -> f.line.answer(PT, call));
        EmoneyIssue issue = f.tx(() -> f.host.answerEmoneyCallback(call.challengeId(), answer)).orThrow();
        LedgerAmount balance = f.tx(() -> f.chargers.writeEmoney(chargeId, issue));

        assertThat(balance).isEqualTo(jpy(5_000));
        assertThat(f.tx(() -> f.chargers.state(chargeId))).isEqualTo(Charge.State.ISSUED);
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(5_000));

        // A repeat of every step changes nothing: same charge, same issue, same card balance.
        assertThat(f.tx(() -> f.chargers.charge(PT, "c1", user1, "1111".toCharArray(), jpy(5_000)))).isEqualTo(chargeId);
        assertThat(f.gateway.queue).isEmpty();
        CallbackCall again = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        byte[] answerAgain = f.tx(() -> f.line.answer(PT, again));
        assertThat(f.tx(() -> f.host.answerEmoneyCallback(again.challengeId(), answerAgain)).orThrow()).isEqualTo(issue);
        assertThat(f.tx(() -> f.chargers.writeEmoney(chargeId, issue))).isEqualTo(jpy(5_000));
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(5_000));
        EmoneyIssue another = f.mintOutsideTheHost(5_000, "CARD1");
        assertRefused(() -> f.tx(() -> f.chargers.writeEmoney(chargeId, another)), ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertThat(f.cardBalance("CARD1")).isEqualTo(jpy(5_000));
    }

    @Test
    void aWrongBankPinRefusesTheSaleAndNoEmoneyIsIssued() {
        UUID chargeId = f.tx(() -> f.chargers.charge(PT, "c1", user1, "9999".toCharArray(), jpy(5_000)));
        f.pump();

        Outcome<Charge.State> inserted = f.tx(() -> f.chargers.insertCard(chargeId, "CARD1", "1357".toCharArray()));

        assertThat(inserted.refusal()).isEqualTo(ProviderRefusal.BANK_REFUSED);
        assertThat(f.tx(() -> f.chargers.state(chargeId))).isEqualTo(Charge.State.REFUSED);
        assertThat(f.tx(() -> f.chargers.bankRefusal(chargeId))).contains(BankRefusal.WRONG_PIN);
        assertRefused(() -> f.tx(() -> f.host.requestEmoney(PT, chargeId)), ProviderRefusal.SALE_NOT_APPROVED);
        assertThat(f.balance(user1)).isEqualTo(jpy(100_000));
        assertThat(f.balance(providerA)).isEqualTo(jpy(0));
    }

    @Test
    void noCardIsInsertedBeforeTheBankAnswersAndNoEmoneyIsAskedForBeforeACardIs() {
        UUID chargeId = f.tx(() -> f.chargers.charge(PT, "c1", user1, "1111".toCharArray(), jpy(5_000)));
        assertRefused(() -> f.tx(() -> f.chargers.insertCard(chargeId, "CARD1", "1357".toCharArray())), ProviderRefusal.SALE_NOT_APPROVED);
        f.pump();
        assertRefused(() -> f.tx(() -> f.host.requestEmoney(PT, chargeId)), ProviderRefusal.SALE_NOT_APPROVED);
        assertRefused(() -> f.tx(() -> f.host.requestEmoney(PT, UUID.randomUUID())), ProviderRefusal.UNKNOWN_CHARGE);

        // A card of another currency, or no card at all, is not taken.
        f.txRun(() -> f.admin.issueCard("CARD-USD", "USD", "1357".toCharArray()));
        assertThat(f.tx(() -> f.chargers.insertCard(chargeId, "CARD-USD", "1357".toCharArray())).refusal())
                .isEqualTo(ProviderRefusal.CURRENCY_MISMATCH);
        assertRefused(() -> f.tx(() -> f.chargers.insertCard(chargeId, "NO-CARD", "1357".toCharArray())), ProviderRefusal.UNKNOWN_CARD);
        assertThat(f.tx(() -> f.chargers.state(chargeId))).isEqualTo(Charge.State.PAID);
    }

    @Test
    void aWrongCardPinIsCountedAndBlocksTheCardAfterThreeTries() {
        UUID chargeId = f.tx(() -> f.chargers.charge(PT, "c1", user1, "1111".toCharArray(), jpy(5_000)));
        f.pump();

        for (int i = 0; i < IcCard.MAX_WRONG_PINS; i++) {
            assertThat(f.tx(() -> f.chargers.insertCard(chargeId, "CARD1", "0000".toCharArray())).refusal())
                    .isEqualTo(ProviderRefusal.WRONG_CARD_PIN);
        }
        assertThat(f.tx(() -> f.chargers.insertCard(chargeId, "CARD1", "1357".toCharArray())).refusal())
                .isEqualTo(ProviderRefusal.CARD_BLOCKED);
        assertThat(f.tx(() -> f.chargers.state(chargeId))).isEqualTo(Charge.State.PAID);
        assertRefused(() -> f.tx(() -> f.host.requestEmoney(PT, chargeId)), ProviderRefusal.SALE_NOT_APPROVED);
    }

    @Test
    void aWrongCallbackAnswerIsRefusedAndUsesTheChallengeUp() {
        UUID chargeId = paidChargeWithCard("CARD1", 5_000);
        CallbackCall call = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        byte[] right = f.tx(() -> f.line.answer(PT, call));
        byte[] wrong = right.clone();
        wrong[0] ^= 1;

        assertThat(f.tx(() -> f.host.answerEmoneyCallback(call.challengeId(), wrong)).refusal()).isEqualTo(ProviderRefusal.WRONG_ANSWER);
        assertThat(f.tx(() -> f.host.answerEmoneyCallback(call.challengeId(), right)).refusal()).isEqualTo(ProviderRefusal.CHALLENGE_USED);
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(0));

        // The terminal asks again and answers the new call rightly.
        CallbackCall next = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        byte[] answer = f.tx(() -> f.line.answer(PT, next));
        assertThat(f.tx(() -> f.host.answerEmoneyCallback(next.challengeId(), answer)).isDone()).isTrue();
    }

    @Test
    void aReplayedOrLateAnswerAndAnotherTerminalsAnswerAreRefused() {
        UUID chargeId = paidChargeWithCard("CARD1", 5_000);
        CallbackCall first = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        byte[] firstAnswer = f.tx(() -> f.line.answer(PT, first));
        assertThat(f.tx(() -> f.host.answerEmoneyCallback(first.challengeId(), firstAnswer)).isDone()).isTrue();

        assertThat(f.tx(() -> f.host.answerEmoneyCallback(first.challengeId(), firstAnswer)).refusal())
                .isEqualTo(ProviderRefusal.CHALLENGE_USED);
        CallbackCall second = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        assertThat(f.tx(() -> f.host.answerEmoneyCallback(second.challengeId(), firstAnswer)).refusal())
                .isEqualTo(ProviderRefusal.WRONG_ANSWER);

        CallbackCall late = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        byte[] lateAnswer = f.tx(() -> f.line.answer(PT, late));
        f.clock.advance(CallbackChallenge.TTL.plus(Duration.ofSeconds(1)));
        assertThat(f.tx(() -> f.host.answerEmoneyCallback(late.challengeId(), lateAnswer)).refusal())
                .isEqualTo(ProviderRefusal.CHALLENGE_EXPIRED);

        // A merchant terminal cannot answer a call meant for the provider terminal, nor with its own key.
        CallbackCall forPt = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        assertRefused(() -> f.tx(() -> f.line.answer("MA", forPt)), ProviderRefusal.CHALLENGE_MISMATCH);
        CallbackCall redirected = new CallbackCall(forPt.challengeId(), "MA", forPt.purpose(), forPt.subject(), forPt.nonce(),
                forPt.expiresAt());
        byte[] foreign = f.tx(() -> f.line.answer("MA", redirected));
        assertThat(f.tx(() -> f.host.answerEmoneyCallback(forPt.challengeId(), foreign)).refusal()).isEqualTo(ProviderRefusal.WRONG_ANSWER);
        assertRefused(() -> f.tx(() -> f.host.answerEmoneyCallback(UUID.randomUUID(), foreign)), ProviderRefusal.UNKNOWN_CHALLENGE);

        // A charge's call answered rightly but presented as a settlement's is refused, and used up.
        CallbackCall chargeCall = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        byte[] chargeAnswer = f.tx(() -> f.line.answer(PT, chargeCall));
        assertThat(f.tx(() -> f.host.answerSettlementCallback(chargeCall.challengeId(), chargeAnswer)).refusal())
                .isEqualTo(ProviderRefusal.CHALLENGE_MISMATCH);
        assertThat(f.tx(() -> f.host.answerEmoneyCallback(chargeCall.challengeId(), chargeAnswer)).refusal())
                .isEqualTo(ProviderRefusal.CHALLENGE_USED);
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(5_000));
    }

    @Test
    void unknownTerminalsAndTerminalsOfTheWrongKindAreRefused() {
        UUID chargeId = paidChargeWithCard("CARD1", 5_000);
        assertRefused(() -> f.tx(() -> f.host.requestEmoney("NOPE", chargeId)), ProviderRefusal.UNKNOWN_TERMINAL);
        assertRefused(() -> f.tx(() -> f.host.requestEmoney("MA", chargeId)), ProviderRefusal.WRONG_TERMINAL_KIND);
        assertRefused(() -> f.tx(() -> f.chargers.charge("NOPE", "c9", user1, "1111".toCharArray(), jpy(1)).toString()),
                ProviderRefusal.UNKNOWN_TERMINAL);
        assertRefused(() -> f.tx(() -> f.merchants.sell("NOPE", "s1", "CARD1", "1357".toCharArray(), jpy(1))),
                ProviderRefusal.UNKNOWN_TERMINAL);
        assertRefused(() -> f.tx(() -> f.merchants.sell(PT, "s1", "CARD1", "1357".toCharArray(), jpy(1))),
                ProviderRefusal.WRONG_TERMINAL_KIND);
        SettlementKey unknown = new SettlementKey("NOPE", f.merchants.businessDay(), 1);
        assertRefused(() -> f.tx(() -> f.host.requestSettlement(unknown, jpy(1), List.of())), ProviderRefusal.UNKNOWN_TERMINAL);
        CallbackCall call = f.tx(() -> f.host.requestEmoney(PT, chargeId));
        assertRefused(() -> f.tx(() -> f.line.answer("NOPE", call)), ProviderRefusal.UNKNOWN_TERMINAL);
        assertThat(f.gateway.sent).hasSize(1);
    }

    @Test
    void aUserAtABankWithoutAProviderAccountCannotChargeAndTheRelayKnowsNoSuchBank() {
        BankId c = new BankId("BANKC");
        f.openBank(c);
        AccountNumber user3 = f.customer(c, "303", "3333", 10_000);
        assertRefused(() -> f.tx(() -> f.chargers.charge(PT, "c1", user3, "3333".toCharArray(), jpy(1_000)).toString()),
                ProviderRefusal.NO_PROVIDER_ACCOUNT);
        BankRequest toC = new BankRequest(UUID.randomUUID(), "x", BankRequest.Kind.POS_TRANSFER, user3, new AccountNumber(c, "1", "1"),
                jpy(1), "T", null, new byte[] {1});
        assertRefused(() -> f.tx(() -> f.relay.send(toC)), ProviderRefusal.UNKNOWN_BANK);
        assertThat(f.gateway.sent).isEmpty();
    }

    // ---- sale (figure 7)

    @Test
    void aSaleMovesEmoneyFromTheCardToTheTerminalOfflineAndIsRefusedWithAWrongPinOrTooLittleEmoney() {
        f.charge(PT, "c1", user1, "1111", 5_000, "CARD1", "1357");
        int requests = f.gateway.sent.size();

        f.sell("MA", "s1", "CARD1", "1357", 1_200);
        f.sell("MA", "s1", "CARD1", "1357", 1_200); // a repeat takes nothing more

        assertThat(f.cardBalance("CARD1")).isEqualTo(jpy(3_800));
        assertThat(f.tx(() -> f.merchants.heldTotal("MA", "JPY"))).isEqualTo(jpy(1_200));
        assertThat(f.gateway.sent).hasSize(requests);

        assertThat(f.tx(() -> f.merchants.sell("MA", "s2", "CARD1", "1111".toCharArray(), jpy(100))).refusal())
                .isEqualTo(ProviderRefusal.WRONG_CARD_PIN);
        assertThat(f.tx(() -> f.merchants.sell("MA", "s3", "CARD1", "1357".toCharArray(), jpy(3_801))).refusal())
                .isEqualTo(ProviderRefusal.INSUFFICIENT_EMONEY);
        assertRefused(() -> f.tx(() -> f.merchants.sell("MA", "s1", "CARD1", "1357".toCharArray(), jpy(99))),
                ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertRefused(() -> f.tx(() -> f.merchants.sell("MA", "s4", "NO-CARD", "1357".toCharArray(), jpy(1))),
                ProviderRefusal.UNKNOWN_CARD);
        assertThat(f.cardBalance("CARD1")).isEqualTo(jpy(3_800));
        assertThat(f.tx(() -> f.merchants.heldTotal("MA", "JPY"))).isEqualTo(jpy(1_200));
    }

    // ---- settlement (figure 8)

    @Test
    void aSettlementPaysTheMerchantFromTheProvidersAccountAtItsBankAndErasesTheEmoney() {
        f.charge(PT, "c1", user1, "1111", 5_000, "CARD1", "1357");
        f.sell("MA", "s1", "CARD1", "1357", 1_200);
        f.sell("MA", "s2", "CARD1", "1357", 800);

        assertThat(f.settle("MA")).isEqualTo(SettlementBatch.State.SETTLED);

        assertThat(f.balance(merchantA)).isEqualTo(jpy(2_000));
        assertThat(f.balance(providerA)).isEqualTo(jpy(3_000));
        assertThat(f.tx(() -> f.merchants.heldTotal("MA", "JPY"))).isEqualTo(jpy(0));
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(3_000));
        assertRefused(() -> f.tx(() -> f.merchants.startSettlement("MA", f.merchants.businessDay())), ProviderRefusal.NOTHING_TO_SETTLE);
    }

    @Test
    void aSettlementRetriedAfterATimeoutPaysOnce() {
        f.charge(PT, "c1", user1, "1111", 5_000, "CARD1", "1357");
        f.sell("MA", "s1", "CARD1", "1357", 1_500);
        SettlementKey key = f.sendSettlement("MA");
        f.pumpLosingReplies();
        assertThat(f.tx(() -> f.merchants.completeSettlement("MA", key))).isEqualTo(SettlementBatch.State.TRANSFER_SENT);
        assertThat(f.balance(merchantA)).isEqualTo(jpy(1_500));

        // Timed out: "settle" again. Same batch, same key; the host instructs again, the bank recognises the key.
        MerchantTerminalService.SettlementRequest retry = f.tx(() -> f.merchants.startSettlement("MA", f.merchants.businessDay()));
        assertThat(retry.key()).isEqualTo(key);
        SettlementInstruction instruction = f.instruct(retry);
        f.txRun(() -> f.merchants.transfer("MA", instruction));
        f.pump();

        assertThat(f.tx(() -> f.merchants.completeSettlement("MA", key))).isEqualTo(SettlementBatch.State.SETTLED);
        assertThat(f.balance(merchantA)).isEqualTo(jpy(1_500));
        assertThat(f.balance(providerA)).isEqualTo(jpy(3_500));
        assertThat(f.tx(() -> f.merchants.heldTotal("MA", "JPY"))).isEqualTo(jpy(0));
    }

    @Test
    void settledEmoneyPresentedAgainIsRefusedAsReplayedAndOtherEmoneyUnderAUsedKeyAsAConflict() {
        f.charge(PT, "c1", user1, "1111", 5_000, "CARD1", "1357");
        f.sell("MA", "s1", "CARD1", "1357", 1_500);
        MerchantTerminalService.SettlementRequest first = f.tx(() -> f.merchants.startSettlement("MA", f.merchants.businessDay()));
        SettlementInstruction instruction = f.instruct(first);
        f.txRun(() -> f.merchants.transfer("MA", instruction));
        f.pump();
        f.tx(() -> f.merchants.completeSettlement("MA", first.key()));

        // The same settlement replayed whole (same key): the host instructs again, the bank posts nothing twice.
        SettlementInstruction replayed = f.instruct(first);
        f.txRun(() -> f.relay.send(replayed.transfer(merchantA, "MA")));
        assertThat(f.pump()).isEqualTo(1);
        assertThat(f.balance(merchantA)).isEqualTo(jpy(1_500));
        assertThat(f.balance(providerA)).isEqualTo(jpy(3_500));

        SettlementKey replayKey = new SettlementKey("MA", first.key().businessDay(), 2);
        CallbackCall call = f.tx(() -> f.host.requestSettlement(replayKey, first.total(), first.pieces()));
        byte[] answer = f.tx(() -> f.line.answer("MA", call));
        assertThat(f.tx(() -> f.host.answerSettlementCallback(call.challengeId(), answer)).refusal())
                .isEqualTo(ProviderRefusal.SETTLEMENT_REPLAYED);
        assertRefused(() -> f.tx(() -> f.host.requestSettlement(replayKey, first.total(), first.pieces())), ProviderRefusal.SETTLEMENT_REPLAYED);

        f.sell("MA", "s2", "CARD1", "1357", 100);
        MerchantTerminalService.SettlementRequest other = f.tx(() -> f.merchants.startSettlement("MA", f.merchants.businessDay()));
        assertRefused(() -> f.tx(() -> f.host.requestSettlement(first.key(), other.total(), other.pieces())),
                ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertRefused(() -> f.tx(() -> f.host.requestSettlement(first.key(), jpy(1_499), first.pieces())),
                ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertThat(f.balance(merchantA)).isEqualTo(jpy(1_500));
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(3_500));
    }

    @Test
    void aNoteTheProvidersGeneratorNeverIssuedIsRefusedAsForged() {
        f.charge(PT, "c1", user1, "1111", 5_000, "CARD1", "1357");
        // Signed with the provider's own keys but never issued for a charge (no record at the host).
        EmoneyIssue invented = f.mintOutsideTheHost(1_000, "CARD2");
        SettlementKey key = new SettlementKey("MB", f.merchants.businessDay(), 1);
        assertThat(f.presentAndAnswer(key, jpy(1_000), List.of(new EmoneyPiece(invented.note()))).refusal())
                .isEqualTo(ProviderRefusal.FORGED_EMONEY);
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(5_000));
        assertThat(f.gateway.queue).isEmpty();
    }

    @Test
    void aTamperedNoteOrAnotherTerminalsNoteOrAWrongTotalIsRefusedAndPaysNothing() {
        f.charge(PT, "c1", user1, "1111", 5_000, "CARD1", "1357");
        f.sell("MA", "s1", "CARD1", "1357", 1_000);
        f.sell("MB", "s1", "CARD1", "1357", 700);
        EmoneyPiece genuine = f.tx(() -> f.merchants.startSettlement("MA", f.merchants.businessDay())).pieces().get(0);
        EmoneyPiece atMb = f.tx(() -> f.merchants.startSettlement("MB", f.merchants.businessDay())).pieces().get(0);

        // The terminal raises what the card paid it: the card's signature no longer covers the record.
        TransferRecord paid = genuine.note().lastRecord();
        TransferRecord raised = new TransferRecord(paid.transferorId(), paid.transfereeId(), Money.of(CurrencyCode.of("JPY"), 4_000),
                paid.at(), paid.sequence(), paid.signature());
        EmoneyPiece tampered = new EmoneyPiece(NoteFixtures.withRecord(genuine.note(), genuine.note().records().size() - 1, raised));
        LocalDate day = f.merchants.businessDay();
        assertThat(f.presentAndAnswer(new SettlementKey("MA", day, 2), jpy(4_000), List.of(tampered)).refusal())
                .isEqualTo(ProviderRefusal.NOTE_REJECTED);
        // A note the card paid to MB, presented by MA: not transferred to MA's module.
        assertThat(f.presentAndAnswer(new SettlementKey("MA", day, 3), jpy(700), List.of(atMb)).refusal())
                .isEqualTo(ProviderRefusal.NOTE_REJECTED);
        // Genuine notes, but the batch claims more than they hold.
        assertThat(f.presentAndAnswer(new SettlementKey("MA", day, 4), jpy(1_001), List.of(genuine)).refusal())
                .isEqualTo(ProviderRefusal.NOTE_REJECTED);

        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(5_000));
        assertThat(f.gateway.queue).isEmpty();
        // The genuine batch still settles, once.
        assertThat(f.settle("MA")).isEqualTo(SettlementBatch.State.SETTLED);
        assertThat(f.balance(merchantA)).isEqualTo(jpy(1_000));
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(jpy(4_000));
    }

    @Test
    void aBankRefusingTheTransferReturnsTheBatchAndTheRetryUnderTheSameKeyPays() {
        // User #1 charged at bank A and buys at merchant b at bank B, where the provider holds nothing yet.
        f.charge(PT, "c1", user1, "1111", 5_000, "CARD1", "1357");
        f.sell("MB", "s1", "CARD1", "1357", 2_000);

        SettlementKey key = f.sendSettlement("MB");
        f.pump();
        assertThat(f.tx(() -> f.merchants.completeSettlement("MB", key))).isEqualTo(SettlementBatch.State.RETURNED);
        assertThat(f.tx(() -> f.merchants.bankRefusal("MB", key))).contains(BankRefusal.INSUFFICIENT_FUNDS);
        assertThat(f.tx(() -> f.merchants.heldTotal("MB", "JPY"))).isEqualTo(jpy(2_000));
        assertThat(f.balance(merchantB)).isEqualTo(jpy(0));

        // User #2 charges at bank B; the merchant settles again: the same batch, the same key.
        f.charge(PT, "c2", user2, "2222", 3_000, "CARD2", "2468");
        assertThat(f.sendSettlement("MB")).isEqualTo(key);
        f.pump();
        assertThat(f.tx(() -> f.merchants.completeSettlement("MB", key))).isEqualTo(SettlementBatch.State.SETTLED);
        assertThat(f.balance(merchantB)).isEqualTo(jpy(2_000));
        assertThat(f.balance(providerB)).isEqualTo(jpy(1_000));
        assertThat(f.tx(() -> f.merchants.heldTotal("MB", "JPY"))).isEqualTo(jpy(0));
    }

    @Test
    void aTamperedInstructionIsRefusedByTheTerminal() {
        f.charge(PT, "c1", user1, "1111", 5_000, "CARD1", "1357");
        f.sell("MA", "s1", "CARD1", "1357", 1_000);
        MerchantTerminalService.SettlementRequest request = f.tx(() -> f.merchants.startSettlement("MA", f.merchants.businessDay()));
        SettlementInstruction real = f.instruct(request);
        SettlementInstruction more = new SettlementInstruction(real.key(), real.providerAccount(), jpy(9_000), real.correlationId(),
                real.pinBlock());
        SettlementInstruction elsewhere = new SettlementInstruction(real.key(), providerB, real.total(), real.correlationId(),
                real.pinBlock());
        assertRefused(() -> f.txRun(() -> f.merchants.transfer("MA", more)), ProviderRefusal.INSTRUCTION_MISMATCH);
        assertRefused(() -> f.txRun(() -> f.merchants.transfer("MA", elsewhere)), ProviderRefusal.INSTRUCTION_MISMATCH);
        assertThat(f.gateway.queue).isEmpty();
    }

    // ---- the patent's example: two banks, two users, two merchants

    @Test
    void twoUsersAtTwoBanksBuyAtTwoMerchantsAndEveryLedgerBalances() {
        f.charge(PT, "c1", user1, "1111", 10_000, "CARD1", "1357");
        f.charge(PT, "c2", user2, "2222", 8_000, "CARD2", "2468");
        f.sell("MA", "u1-a", "CARD1", "1357", 1_000);
        f.sell("MB", "u1-b", "CARD1", "1357", 2_500);
        f.sell("MA", "u2-a", "CARD2", "2468", 3_000);
        f.sell("MB", "u2-b", "CARD2", "2468", 1_200);

        assertThat(f.settle("MA")).isEqualTo(SettlementBatch.State.SETTLED);
        assertThat(f.settle("MB")).isEqualTo(SettlementBatch.State.SETTLED);

        assertThat(f.balance(merchantA)).isEqualTo(jpy(4_000));
        assertThat(f.balance(merchantB)).isEqualTo(jpy(3_700));
        assertThat(f.balance(user1)).isEqualTo(jpy(90_000));
        assertThat(f.balance(user2)).isEqualTo(jpy(92_000));
        LedgerAmount onCards = f.cardBalance("CARD1").plus(f.cardBalance("CARD2"));
        assertThat(onCards).isEqualTo(jpy(10_300));
        assertThat(f.balance(providerA).plus(f.balance(providerB))).isEqualTo(onCards);
        assertThat(f.tx(() -> f.admin.outstandingEmoney("JPY"))).isEqualTo(onCards);
        assertThat(f.tx(() -> f.bank.host.trialBalance(A)).balances()).isTrue();
        assertThat(f.tx(() -> f.bank.host.trialBalance(B)).balances()).isTrue();
        assertThat(f.tx(() -> f.merchants.heldTotal("MA", "JPY")).plus(f.tx(() -> f.merchants.heldTotal("MB", "JPY"))))
                .isEqualTo(jpy(0));
    }

    @Test
    void cardsAndMerchantTerminalsNeedTheProvidersCertifiedGeneratorWhichIsCertifiedOnce() {
        try (ProviderFixture fresh = new ProviderFixture("provider-no-issuer", false)) {
            fresh.openBank(A);
            AccountNumber merchant = fresh.customer(A, "301", "8642", 0);
            assertRefused(() -> fresh.txRun(() -> fresh.admin.issueCard("CARD9", "JPY", "1357".toCharArray())), ProviderRefusal.WRONG_STATE);
            assertRefused(() -> fresh.txRun(() -> fresh.admin.registerMerchantTerminal("M9", merchant)), ProviderRefusal.WRONG_STATE);

            long generator = fresh.tx(() -> fresh.admin.openIssuer(fresh.ss));
            assertThat(fresh.tx(() -> fresh.admin.openIssuer(fresh.ss))).isEqualTo(generator);
            fresh.card("CARD9", "1357");
            assertThat(fresh.cardBalance("CARD9")).isEqualTo(jpy(0));
        }
    }

    private UUID paidChargeWithCard(String cardId, long amount) {
        UUID chargeId = f.tx(() -> f.chargers.charge(PT, "c-" + cardId, user1, "1111".toCharArray(), jpy(amount)));
        f.pump();
        f.tx(() -> f.chargers.insertCard(chargeId, cardId, (cardId.equals("CARD1") ? "1357" : "2468").toCharArray())).orThrow();
        return chargeId;
    }

    private static void assertRefused(Runnable step, ProviderRefusal reason) {
        assertThatThrownBy(step::run)
                .isInstanceOfSatisfying(ProviderRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
