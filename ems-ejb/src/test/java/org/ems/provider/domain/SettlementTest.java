package org.ems.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.provider.domain.CallbackChallengeTest.assertRefused;

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
import org.junit.jupiter.api.Test;

class SettlementTest {

    private static final Instant NOW = Instant.parse("2026-11-30T18:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-30");
    private static final BankId B = new BankId("BANKB");
    private static final AccountNumber PROVIDER_B = new AccountNumber(B, "1", "500");
    private static final AccountNumber MERCHANT_B = new AccountNumber(B, "1", "302");

    private final byte[] issuingKey = new byte[Hmac.KEY_BYTES];
    private final Map<UUID, IssuedEmoney> issued = new HashMap<>();
    private final Set<UUID> settledPieces = new HashSet<>();

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
        HostSettlement settlement = new HostSettlement(key(1), List.of(piece(issue, 1_000), piece(issue, 2_000)), NOW);

        settlement.claim(this::find, settledPieces::contains, issuingKey);
        settlement.claim(this::find, settledPieces::contains, issuingKey);

        assertThat(settlement.state()).isEqualTo(HostSettlement.State.INSTRUCTED);
        assertThat(settlement.total()).isEqualTo(jpy(3_000));
        assertThat(issued.get(issue.serial()).outstanding()).isEqualTo(jpy(2_000));
    }

    @Test
    void forgedReplayedAndOverclaimedPiecesAreRejectedForGoodAndClaimNothing() {
        EmoneyIssue issue = issue(5_000);
        EmoneyIssue inflated = new EmoneyIssue(issue.serial(), jpy(9_000), issue.authenticator());
        HostSettlement forged = new HostSettlement(key(1), List.of(piece(inflated, 9_000)), NOW);
        assertRefused(() -> forged.claim(this::find, settledPieces::contains, issuingKey), ProviderRefusal.FORGED_EMONEY);
        assertThat(forged.state()).isEqualTo(HostSettlement.State.REJECTED);
        assertRefused(() -> forged.claim(this::find, settledPieces::contains, issuingKey), ProviderRefusal.FORGED_EMONEY);

        EmoneyPiece once = piece(issue, 1_000);
        settledPieces.add(once.pieceId());
        HostSettlement replayed = new HostSettlement(key(2), List.of(piece(issue, 500), once), NOW);
        assertRefused(() -> replayed.claim(this::find, settledPieces::contains, issuingKey), ProviderRefusal.SETTLEMENT_REPLAYED);

        HostSettlement twice = new HostSettlement(key(3), List.of(once, once), NOW);
        assertRefused(() -> twice.claim(this::find, id -> false, issuingKey), ProviderRefusal.SETTLEMENT_REPLAYED);

        HostSettlement over = new HostSettlement(key(4), List.of(piece(issue, 3_000), piece(issue, 2_001)), NOW);
        assertRefused(() -> over.claim(this::find, settledPieces::contains, issuingKey), ProviderRefusal.SETTLEMENT_REPLAYED);

        assertThat(issued.get(issue.serial()).outstanding()).isEqualTo(jpy(5_000));
    }

    @Test
    void aKeyTakesOnlyItsOwnPiecesAndEmptyOrMixedBatchesAreRefused() {
        EmoneyIssue issue = issue(5_000);
        EmoneyPiece a = piece(issue, 1_000);
        EmoneyPiece b = piece(issue, 2_000);
        HostSettlement settlement = new HostSettlement(key(1), List.of(a, b), NOW);

        settlement.requireSame(List.of(b, a));
        assertRefused(() -> settlement.requireSame(List.of(a)), ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertRefused(() -> new HostSettlement(key(2), List.of(), NOW), ProviderRefusal.NOTHING_TO_SETTLE);
        EmoneyIssue dollars = EmoneyIssue.authenticate(issuingKey, UUID.randomUUID(), LedgerAmount.of(100, "USD"));
        assertRefused(() -> new HostSettlement(key(3), List.of(a, new EmoneyPiece(UUID.randomUUID(), dollars, dollars.amount())), NOW),
                ProviderRefusal.CURRENCY_MISMATCH);
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
        EmoneyIssue issue = EmoneyIssue.authenticate(issuingKey, UUID.randomUUID(), jpy(4_000));

        assertRefused(() -> charge.cardInserted("CARD1"), ProviderRefusal.SALE_NOT_APPROVED);
        assertRefused(() -> charge.emoneyWritten(issue), ProviderRefusal.WRONG_STATE);
        assertThatThrownBy(() -> charge.saleAnswered(BankReply.approved(UUID.randomUUID(), UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class);
        charge.saleAnswered(BankReply.approved(correlation, UUID.randomUUID()));
        assertThat(charge.awaitsEmoney()).isFalse();
        charge.cardInserted("CARD1");
        assertThat(charge.awaitsEmoney()).isTrue();
        assertRefused(() -> charge.emoneyWritten(EmoneyIssue.authenticate(issuingKey, UUID.randomUUID(), jpy(4_001))),
                ProviderRefusal.INSTRUCTION_MISMATCH);
        charge.emoneyWritten(issue);
        charge.emoneyWritten(issue);
        assertThat(charge.state()).isEqualTo(Charge.State.ISSUED);
        assertRefused(() -> charge.emoneyWritten(EmoneyIssue.authenticate(issuingKey, UUID.randomUUID(), jpy(4_000))),
                ProviderRefusal.IDEMPOTENCY_CONFLICT);

        Charge refused = new Charge(UUID.randomUUID(), "PT1", "c2", new AccountNumber(B, "1", "202"), jpy(4_000), correlation, NOW);
        refused.saleAnswered(BankReply.refused(correlation, BankRefusal.INSUFFICIENT_FUNDS));
        assertThat(refused.state()).isEqualTo(Charge.State.REFUSED);
        assertRefused(() -> refused.cardInserted("CARD1"), ProviderRefusal.BANK_REFUSED);
    }

    private SettlementInstruction instruction(SettlementKey key, LedgerAmount total) {
        return new SettlementInstruction(key, PROVIDER_B, total, UUID.randomUUID(), new byte[] {1, 2, 3});
    }

    private EmoneyIssue issue(long minor) {
        EmoneyIssue issue = EmoneyIssue.authenticate(issuingKey, UUID.randomUUID(), jpy(minor));
        issued.put(issue.serial(), new IssuedEmoney(issue, UUID.randomUUID(), NOW));
        return issue;
    }

    private Optional<IssuedEmoney> find(UUID serial) {
        return Optional.ofNullable(issued.get(serial));
    }

    private static EmoneyPiece piece(EmoneyIssue issue, long minor) {
        return new EmoneyPiece(UUID.randomUUID(), issue, jpy(minor));
    }

    private static SettlementKey key(int sequence) {
        return new SettlementKey("MB", DAY, sequence);
    }

    private static LedgerAmount jpy(long minor) {
        return LedgerAmount.of(minor, "JPY");
    }
}
