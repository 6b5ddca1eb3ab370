package org.ems.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.provider.domain.CallbackChallengeTest.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.TransferRecord;
import org.junit.jupiter.api.Test;

class SettlementTest {

    private static final Instant NOW = Instant.parse("2026-11-30T18:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-30");
    private static final BankId B = new BankId("BANKB");
    private static final AccountNumber PROVIDER_B = new AccountNumber(B, "1", "500");
    private static final AccountNumber MERCHANT_B = new AccountNumber(B, "1", "302");

    static final CurrencyCode JPY = CurrencyCode.of("JPY");
    /** The notes' time: the fixtures' validator clock. */
    static final Instant AT = NoteFixtures.NOW;
    static final NoteFixtures.Party CARD = NoteFixtures.A;
    static final NoteFixtures.Party TERMINAL = NoteFixtures.B;

    private final Map<String, IssuedEmoney> issued = new HashMap<>();
    private final Set<String> settledPieces = new HashSet<>();

    @Test
    void theKeyTextIsUnambiguousAndRoundTrips() {
        SettlementKey key = new SettlementKey("M_1-x", DAY, 12);
        assertThat(key.toString()).isEqualTo("stl/M_1-x/20261130/12");
        assertThat(SettlementKey.parse(key.toString())).isEqualTo(key);
        for (String bad : List.of("stl/M/20261130/0", "stl/M/2026113/1", "xyz/M/20261130/1", "stl/M/20261130/01", "stl/a/b/20261130/1")) {
            assertThatThrownBy(() -> SettlementKey.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new SettlementKey("M", DAY, SettlementKey.MAX_SEQUENCE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void genuinePiecesAreClaimedOnceAndARetryClaimsNothingMore() {
        EmoneyIssue issue = issue(5_000);
        HostSettlement settlement = new HostSettlement(key(1), jpy(3_000), List.of(piece(issue, 1_000, 1), piece(issue, 2_000, 2)), NOW);

        claim(settlement);
        claim(settlement);

        assertThat(settlement.state()).isEqualTo(HostSettlement.State.INSTRUCTED);
        assertThat(settlement.total()).isEqualTo(jpy(3_000));
        assertThat(issued.get(issue.serial().toString()).outstanding()).isEqualTo(jpy(2_000));
    }

    @Test
    void forgedTamperedReplayedAndOverclaimedNotesAreRejectedForGoodAndClaimNothing() {
        EmoneyIssue issue = issue(5_000);
        EmoneyIssue unknown = mint(5_000);
        HostSettlement forged = new HostSettlement(key(1), jpy(1_000), List.of(piece(unknown, 1_000, 1)), NOW);
        assertRefused(() -> claim(forged), ProviderRefusal.FORGED_EMONEY);
        assertThat(forged.state()).isEqualTo(HostSettlement.State.REJECTED);
        assertRefused(() -> claim(forged), ProviderRefusal.FORGED_EMONEY);

        EmoneyPiece genuine = piece(issue, 1_000, 1);
        TransferRecord paid = genuine.note().lastRecord();
        TransferRecord raised = new TransferRecord(paid.transferorId(), paid.transfereeId(), Money.of(JPY, 4_000), paid.at(),
                paid.sequence(), paid.signature());
        EmoneyPiece tampered = new EmoneyPiece(NoteFixtures.withRecord(genuine.note(), 2, raised));
        assertRefused(() -> claim(new HostSettlement(key(2), jpy(4_000), List.of(tampered), NOW)), ProviderRefusal.NOTE_REJECTED);
        EmoneyPiece toAnother = new EmoneyPiece(issue.note().transfer(CARD.cert(), CARD.keys().getPrivate(), NoteFixtures.C.id(),
                Money.of(JPY, 1_000), AT, 1));
        assertRefused(() -> claim(new HostSettlement(key(3), jpy(1_000), List.of(toAnother), NOW)), ProviderRefusal.NOTE_REJECTED);
        assertRefused(() -> claim(new HostSettlement(key(4), jpy(999), List.of(genuine), NOW)), ProviderRefusal.NOTE_REJECTED);

        EmoneyPiece garbage = EmoneyPiece.stored(new byte[] {1, 2, 3}, "x", jpy(1_000));
        assertRefused(() -> claim(new HostSettlement(key(10), jpy(1_000), List.of(garbage), NOW)), ProviderRefusal.NOTE_REJECTED);
        // The terminal's word on a note's amount counts for nothing: the host reads the note.
        EmoneyPiece inflated = EmoneyPiece.stored(genuine.encoded(), genuine.pieceId(), jpy(5_000));
        assertRefused(() -> claim(new HostSettlement(key(11), jpy(5_000), List.of(inflated), NOW)), ProviderRefusal.NOTE_REJECTED);

        settledPieces.add(genuine.pieceId());
        HostSettlement replayed = new HostSettlement(key(5), jpy(1_500), List.of(piece(issue, 500, 2), genuine), NOW);
        assertRefused(() -> claim(replayed), ProviderRefusal.SETTLEMENT_REPLAYED);
        settledPieces.clear();

        HostSettlement twice = new HostSettlement(key(6), jpy(2_000), List.of(genuine, genuine), NOW);
        assertRefused(() -> claim(twice), ProviderRefusal.SETTLEMENT_REPLAYED);

        HostSettlement over = new HostSettlement(key(7), jpy(5_001), List.of(piece(issue, 3_000, 1), piece(issue, 2_001, 2)), NOW);
        assertRefused(() -> claim(over), ProviderRefusal.NOTE_REJECTED);

        assertThat(issued.get(issue.serial().toString()).outstanding()).isEqualTo(jpy(5_000));
        // Settled in one batch, the rest of the issue cannot be claimed beyond its amount in another.
        claim(new HostSettlement(key(8), jpy(3_000), List.of(piece(issue, 3_000, 1)), NOW));
        HostSettlement beyond = new HostSettlement(key(9), jpy(2_001), List.of(piece(issue, 2_001, 2)), NOW);
        assertRefused(() -> claim(beyond), ProviderRefusal.SETTLEMENT_REPLAYED);
        assertThat(issued.get(issue.serial().toString()).outstanding()).isEqualTo(jpy(2_000));
    }

    @Test
    void moreNotesThanOnePacketAreVerifiedInPacketsAndADuplicateAcrossPacketsIsRefused() {
        EmoneyIssue issue = issue(10_000);
        List<EmoneyPiece> seventy = new java.util.ArrayList<>();
        for (int i = 1; i <= 70; i++) {
            seventy.add(piece(issue, 100, i));
        }
        List<EmoneyPiece> withDuplicate = new java.util.ArrayList<>(seventy.subList(0, 65));
        withDuplicate.add(seventy.get(0)); // index 65: in the second packet, the first's duplicate
        assertRefused(() -> claim(new HostSettlement(key(1), jpy(6_600), withDuplicate, NOW)), ProviderRefusal.SETTLEMENT_REPLAYED);
        assertThat(issued.get(issue.serial().toString()).outstanding()).isEqualTo(jpy(10_000));

        HostSettlement settlement = new HostSettlement(key(2), jpy(7_000), seventy, NOW);
        claim(settlement);
        assertThat(settlement.state()).isEqualTo(HostSettlement.State.INSTRUCTED);
        assertThat(issued.get(issue.serial().toString()).outstanding()).isEqualTo(jpy(3_000));
    }

    @Test
    void modulesOfTheWrongRoleAreRefused() {
        org.ems.bank.domain.AccountNumber merchant = MERCHANT_B;
        assertThatThrownBy(() -> Terminal.merchant("MB", merchant, new byte[] {1}, new byte[] {2}, NoteFixtures.TELLER.cert(),
                new byte[] {3}, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CardPurse("CARD-1", "JPY", NoteFixtures.GENERATOR.cert(), new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IssuingModule(IssuingModule.Kind.GENERATOR, NoteFixtures.SS_ID, NoteFixtures.TELLER.cert(),
                new byte[] {1}, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IssuingModule(IssuingModule.Kind.TELLER, NoteFixtures.SS_ID, NoteFixtures.TELLER.cert(), new byte[] {1}, NOW)
                .certificate()).isEqualTo(NoteFixtures.TELLER.cert());
    }

    @Test
    void aKeyTakesOnlyItsOwnPiecesAndEmptyOrMixedBatchesAreRefused() {
        EmoneyIssue issue = issue(5_000);
        EmoneyPiece a = piece(issue, 1_000, 1);
        EmoneyPiece b = piece(issue, 2_000, 2);
        HostSettlement settlement = new HostSettlement(key(1), jpy(3_000), List.of(a, b), NOW);

        settlement.requireSame(jpy(3_000), List.of(b, a));
        assertRefused(() -> settlement.requireSame(jpy(1_000), List.of(a)), ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertRefused(() -> settlement.requireSame(jpy(3_001), List.of(a, b)), ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertRefused(() -> new HostSettlement(key(2), jpy(1), List.of(), NOW), ProviderRefusal.NOTHING_TO_SETTLE);
        assertRefused(() -> new HostSettlement(key(3), LedgerAmount.of(3_000, "USD"), List.of(a, b), NOW), ProviderRefusal.CURRENCY_MISMATCH);
    }

    @Test
    void aBatchErasesOnlyOnApprovalAndIsReturnedOnRefusal() {
        SettlementBatch batch = new SettlementBatch(key(1), jpy(3_000), 2, NOW);
        SettlementInstruction first = instruction(key(1), jpy(3_000));

        batch.transferSent(first, MERCHANT_B);
        assertThat(batch.transferAnswered(BankReply.refused(first.correlationId(), BankRefusal.INSUFFICIENT_FUNDS))).isFalse();
        assertThat(batch.state()).isEqualTo(SettlementBatch.State.RETURNED);
        assertThat(batch.bankRefusal()).isEqualTo(BankRefusal.INSUFFICIENT_FUNDS);

        SettlementInstruction retry = instruction(key(1), jpy(3_000));
        batch.transferSent(retry, MERCHANT_B);
        assertThatThrownBy(() -> batch.transferAnswered(BankReply.approved(first.correlationId(), UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class);
        UUID entry = UUID.randomUUID();
        assertThat(batch.transferAnswered(BankReply.approved(retry.correlationId(), entry))).isTrue();
        assertThat(batch.state()).isEqualTo(SettlementBatch.State.SETTLED);
        assertThat(batch.entryId()).isEqualTo(entry);
        assertRefused(() -> batch.transferSent(instruction(key(1), jpy(3_000)), MERCHANT_B), ProviderRefusal.WRONG_STATE);
    }

    @Test
    void anInstructionOfAnotherTotalKeyOrBankIsRefused() {
        SettlementBatch batch = new SettlementBatch(key(1), jpy(3_000), 2, NOW);
        assertRefused(() -> batch.transferSent(instruction(key(1), jpy(3_001)), MERCHANT_B), ProviderRefusal.INSTRUCTION_MISMATCH);
        assertRefused(() -> batch.transferSent(instruction(key(2), jpy(3_000)), MERCHANT_B), ProviderRefusal.INSTRUCTION_MISMATCH);
        AccountNumber merchantAtA = new AccountNumber(new BankId("BANKA"), "1", "301");
        assertRefused(() -> batch.transferSent(instruction(key(1), jpy(3_000)), merchantAtA), ProviderRefusal.INSTRUCTION_MISMATCH);
        assertThat(batch.state()).isEqualTo(SettlementBatch.State.OPEN);
        assertRefused(() -> new SettlementBatch(key(2), jpy(0), 0, NOW), ProviderRefusal.NOTHING_TO_SETTLE);
    }

    @Test
    void aChargeTakesItsStepsInOrderOnly() {
        UUID correlation = UUID.randomUUID();
        Charge charge = new Charge(UUID.randomUUID(), "PT1", "c1", new AccountNumber(B, "1", "202"), jpy(4_000), correlation, NOW);
        EmoneyIssue issue = mint(4_000);

        assertRefused(() -> charge.cardInserted("CARD1"), ProviderRefusal.SALE_NOT_APPROVED);
        assertRefused(() -> charge.emoneyWritten(issue), ProviderRefusal.WRONG_STATE);
        assertThatThrownBy(() -> charge.saleAnswered(BankReply.approved(UUID.randomUUID(), UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class);
        charge.saleAnswered(BankReply.approved(correlation, UUID.randomUUID()));
        assertThat(charge.awaitsEmoney()).isFalse();
        charge.cardInserted("CARD1");
        assertThat(charge.awaitsEmoney()).isTrue();
        assertRefused(() -> charge.emoneyWritten(mint(4_001)),
                ProviderRefusal.INSTRUCTION_MISMATCH);
        charge.emoneyWritten(issue);
        charge.emoneyWritten(issue);
        assertThat(charge.state()).isEqualTo(Charge.State.ISSUED);
        assertRefused(() -> charge.emoneyWritten(mint(4_000)),
                ProviderRefusal.IDEMPOTENCY_CONFLICT);

        Charge refused = new Charge(UUID.randomUUID(), "PT1", "c2", new AccountNumber(B, "1", "202"), jpy(4_000), correlation, NOW);
        refused.saleAnswered(BankReply.refused(correlation, BankRefusal.INSUFFICIENT_FUNDS));
        assertThat(refused.state()).isEqualTo(Charge.State.REFUSED);
        assertRefused(() -> refused.cardInserted("CARD1"), ProviderRefusal.BANK_REFUSED);
    }

    private SettlementInstruction instruction(SettlementKey key, LedgerAmount total) {
        return new SettlementInstruction(key, PROVIDER_B, total, UUID.randomUUID(), new byte[] {1, 2, 3});
    }

    /** A note of the provider's (here: the fixtures' generator and teller) written to the card. */
    static EmoneyIssue mint(long minor) {
        return EmoneyIssue.mint(NoteFixtures.GENERATOR.cert(), NoteFixtures.GENERATOR.keys().getPrivate(), NoteFixtures.TELLER.cert(),
                NoteFixtures.TELLER.keys().getPrivate(), NoteId.random(NoteFixtures.RANDOM), Money.of(JPY, minor), CARD.id(), AT,
                Duration.ofDays(100));
    }

    private EmoneyIssue issue(long minor) {
        EmoneyIssue issue = mint(minor);
        issued.put(issue.serial().toString(), new IssuedEmoney(issue, UUID.randomUUID(), NOW));
        return issue;
    }

    private void claim(HostSettlement settlement) {
        settlement.claim(serial -> Optional.ofNullable(issued.get(serial)), settledPieces::contains, NoteFixtures.verifier(),
                TERMINAL.id(), AT);
    }

    /** The card pays {@code minor} of the issue to the terminal, its {@code sequence}-th transfer out of the note. */
    private static EmoneyPiece piece(EmoneyIssue issue, long minor, long sequence) {
        return new EmoneyPiece(issue.note().transfer(CARD.cert(), CARD.keys().getPrivate(), TERMINAL.id(), Money.of(JPY, minor), AT,
                sequence));
    }

    private static SettlementKey key(int sequence) {
        return new SettlementKey("MB", DAY, sequence);
    }

    private static LedgerAmount jpy(long minor) {
        return LedgerAmount.of(minor, "JPY");
    }
}
