package org.ems.bench.provider;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ems.bank.application.AesGcmPinBlock;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.LedgerAmount;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.Purpose;
import org.ems.provider.domain.BankPosRelay;
import org.ems.provider.domain.CallbackCall;
import org.ems.provider.domain.CallbackChallenge;
import org.ems.provider.domain.CallbackPurpose;
import org.ems.provider.domain.EmoneyIssue;
import org.ems.provider.domain.EmoneyPiece;
import org.ems.provider.domain.EmsBankTextFormat;
import org.ems.provider.domain.HeldEmoney;
import org.ems.provider.domain.HostSettlement;
import org.ems.provider.domain.IssuedEmoney;
import org.ems.provider.domain.SettlementBatch;
import org.ems.provider.domain.SettlementInstruction;
import org.ems.provider.domain.SettlementKey;

/**
 * One business day of the provider scheme held in memory: {@code terminals} merchant terminals
 * (half at BANKA, half at BANKB) each holding {@code salesPerTerminal} sales of 100 JPY, taken from
 * cards charged with issues of 1,000 JPY (each issue spent by 10 sales at 10 terminals). The stores
 * are maps and lists in place of the JPA tables; every step of the day-end settlement runs on the
 * same domain objects, with the same key unsealing, as {@code MerchantTerminalService},
 * {@code ProviderHostService} and {@code TerminalLine} run it (figure 8): batch, host record,
 * call back, answer, verification and claim of every piece, PIN block, instruction, transfer
 * through the relay centre in its wire format, the bank's approval, erasure. Not included: the
 * database, the JMS hop and the bank host's side (PIN check, posting).
 */
final class ProviderDay {

    static final String JPY = "JPY";
    static final long PIECE_MINOR = 100;
    static final long ISSUE_MINOR = 1_000;
    static final BankId A = new BankId("BANKA");
    static final BankId B = new BankId("BANKB");

    final int terminals;
    final int salesPerTerminal;
    final SecureRandom random = new SecureRandom();
    final AtRestCipher atRest;
    final LocalDate day = LocalDate.of(2026, 11, 30);

    // the provider host's store
    final byte[] issuingKeySealed;
    final Map<UUID, IssuedEmoney> issued = new HashMap<>();
    final Map<String, HostSettlement> hostSettlements = new HashMap<>();
    final Set<UUID> settledPieces = new HashSet<>();
    final Map<BankId, AccountNumber> providerAccounts = Map.of(A, new AccountNumber(A, "1", "500"), B, new AccountNumber(B, "1", "500"));
    final Map<BankId, byte[]> providerPinSealed = new HashMap<>();
    // the bank PIN keys held by the host's and the terminals' security module
    final Map<BankId, byte[]> bankPinKeySealed = new HashMap<>();

    // the terminals' stores
    final String[] terminalIds;
    final AccountNumber[] merchantAccounts;
    final byte[][] hostKeySealed;
    final byte[][] terminalKeySealed;
    final List<List<HeldEmoney>> held;
    final SettlementBatch[] batches;

    // what reached the banks through the relay centre
    final BankPosRelay relay;
    final EmsBankTextFormat format = new EmsBankTextFormat();
    final Map<BankId, long[]> relayed = Map.of(A, new long[2], B, new long[2]);

    ProviderDay(int terminals, int salesPerTerminal) {
        this.terminals = terminals;
        this.salesPerTerminal = salesPerTerminal;
        byte[] master = new byte[32];
        random.nextBytes(master);
        atRest = new AtRestCipher(master, random);
        byte[] issuingKey = key32();
        issuingKeySealed = atRest.seal(Purpose.PROVIDER_ISSUING_KEY_AT_REST, "provider-host/issuing", issuingKey);
        for (BankId bank : List.of(A, B)) {
            providerPinSealed.put(bank, atRest.seal(Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, "provider-account-pin/" + bank.code(),
                    "7000".getBytes(StandardCharsets.US_ASCII)));
            bankPinKeySealed.put(bank, atRest.seal(Purpose.BANK_PIN_KEY_AT_REST, "bank-pin-key/" + bank.code(), key32()));
        }
        relay = new BankPosRelay(format, Map.of(A, r -> count(A, r.amount()), B, r -> count(B, r.amount())));

        int pieces = terminals * salesPerTerminal;
        int issues = (int) (pieces * PIECE_MINOR / ISSUE_MINOR);
        EmoneyIssue[] cards = new EmoneyIssue[issues];
        Instant issuedAt = Instant.parse("2026-11-30T00:00:00Z");
        for (int i = 0; i < issues; i++) {
            cards[i] = EmoneyIssue.authenticate(issuingKey, uuid(), LedgerAmount.of(ISSUE_MINOR, JPY));
            issued.put(cards[i].serial(), new IssuedEmoney(cards[i], uuid(), issuedAt));
        }
        terminalIds = new String[terminals];
        merchantAccounts = new AccountNumber[terminals];
        hostKeySealed = new byte[terminals][];
        terminalKeySealed = new byte[terminals][];
        held = new ArrayList<>(terminals);
        batches = new SettlementBatch[terminals];
        Instant saleAt = Instant.parse("2026-11-30T10:00:00Z");
        for (int t = 0; t < terminals; t++) {
            String id = String.format("M%06d", t);
            terminalIds[t] = id;
            merchantAccounts[t] = new AccountNumber(t % 2 == 0 ? A : B, "2", String.valueOf(t));
            byte[] callbackKey = key32();
            hostKeySealed[t] = atRest.seal(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, hostOwner(id), callbackKey);
            terminalKeySealed[t] = atRest.seal(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, terminalOwner(id), callbackKey);
            List<HeldEmoney> store = new ArrayList<>(salesPerTerminal);
            for (int s = 0; s < salesPerTerminal; s++) {
                EmoneyIssue issue = cards[(t * salesPerTerminal + s) % issues];
                EmoneyPiece piece = new EmoneyPiece(uuid(), issue, LedgerAmount.of(PIECE_MINOR, JPY));
                store.add(new HeldEmoney(uuid(), id, day, "s" + s, piece, saleAt));
            }
            held.add(store);
        }
    }

    /** Day end: every terminal settles its day; returns the total the banks were asked to pay. */
    long settleAll() {
        long paid = 0;
        for (int t = 0; t < terminals; t++) {
            paid += settle(t);
        }
        return paid;
    }

    /** Figure 8 for terminal {@code t}, step by step as the services run it (each step a transaction there). */
    long settle(int t) {
        String terminalId = terminalIds[t];
        AccountNumber merchant = merchantAccounts[t];
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // Terminal: the day's held e-money moves into a settling batch.
        List<HeldEmoney> store = held.get(t);
        List<EmoneyPiece> pieces = new ArrayList<>(store.size());
        long total = 0;
        for (HeldEmoney h : store) {
            if (h.batchKey() == null && h.businessDay().equals(day)) {
                EmoneyPiece piece = h.piece();
                pieces.add(piece);
                total = Math.addExact(total, piece.amount().minor());
            }
        }
        SettlementKey key = new SettlementKey(terminalId, day, 1);
        SettlementBatch batch = new SettlementBatch(key, LedgerAmount.of(total, JPY), pieces.size(), now);
        batches[t] = batch;
        for (HeldEmoney h : store) {
            h.moveInto(key);
        }

        // Host: records the presented e-money under the key and calls the registered terminal back.
        HostSettlement settlement = new HostSettlement(key, pieces, now);
        hostSettlements.put(key.toString(), settlement);
        CallbackChallenge challenge = CallbackChallenge.issue(terminalId, CallbackPurpose.SETTLEMENT, key.toString(), random, now);
        CallbackCall call = challenge.call();

        // Terminal: answers with its copy of the callback key.
        byte[] terminalKey = atRest.open(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, terminalOwner(terminalId), terminalKeySealed[t]);
        byte[] answer = call.answer(terminalKey);

        // Host: checks the answer, verifies and claims every piece, seals the provider's PIN to the merchant's bank.
        byte[] hostKey = atRest.open(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, hostOwner(terminalId), hostKeySealed[t]);
        challenge.verify(CallbackPurpose.SETTLEMENT, key.toString(), hostKey, answer, now);
        byte[] issuingKey = atRest.open(Purpose.PROVIDER_ISSUING_KEY_AT_REST, "provider-host/issuing", issuingKeySealed);
        settlement.claim(serial -> Optional.ofNullable(issued.get(serial)), settledPieces::contains, issuingKey);
        for (EmoneyPiece piece : pieces) {
            settledPieces.add(piece.pieceId());
        }
        BankId bank = merchant.bank();
        byte[] pinBytes = atRest.open(Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, "provider-account-pin/" + bank.code(), providerPinSealed.get(bank));
        char[] pin = new String(pinBytes, StandardCharsets.US_ASCII).toCharArray();
        byte[] pinKey = atRest.open(Purpose.BANK_PIN_KEY_AT_REST, "bank-pin-key/" + bank.code(), bankPinKeySealed.get(bank));
        UUID correlationId = uuid();
        byte[] pinBlock = AesGcmPinBlock.seal(pinKey, bank, correlationId, pin, random);
        SettlementInstruction instruction =
                new SettlementInstruction(key, providerAccounts.get(bank), settlement.total(), correlationId, pinBlock);

        // Terminal: checks the instruction against its batch and sends the transfer through the relay centre.
        batch.transferSent(instruction, merchant);
        relay.relay(format.encodeRequest(instruction.transfer(merchant, terminalId)));

        // The bank's approval: the batch's e-money is erased for good.
        if (!batch.transferAnswered(BankReply.approved(correlationId, uuid()))) {
            throw new IllegalStateException("batch " + key + " not settled");
        }
        store.clear();
        return instruction.total().minor();
    }

    /** Everything sold reached the banks once, every batch is settled, every issue is settled in full. */
    void check() {
        long expected = (long) terminals * salesPerTerminal * PIECE_MINOR;
        long relayedTotal = relayed.get(A)[1] + relayed.get(B)[1];
        if (relayedTotal != expected || relayed.get(A)[0] + relayed.get(B)[0] != terminals) {
            throw new IllegalStateException("relayed " + relayedTotal + " in " + (relayed.get(A)[0] + relayed.get(B)[0])
                    + " transfers, expected " + expected + " in " + terminals);
        }
        for (SettlementBatch batch : batches) {
            if (batch == null || batch.state() != SettlementBatch.State.SETTLED) {
                throw new IllegalStateException("unsettled batch " + batch);
            }
        }
        for (IssuedEmoney issue : issued.values()) {
            if (issue.outstanding().minor() != 0) {
                throw new IllegalStateException("issue " + issue.serial() + " still owes " + issue.outstanding());
            }
        }
        if (settledPieces.size() != terminals * salesPerTerminal) {
            throw new IllegalStateException(settledPieces.size() + " pieces settled");
        }
    }

    private void count(BankId bank, LedgerAmount amount) {
        long[] c = relayed.get(bank);
        c[0]++;
        c[1] += amount.minor();
    }

    private byte[] key32() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    static String hostOwner(String terminalId) {
        return "provider-host/terminal-key/" + terminalId;
    }

    static String terminalOwner(String terminalId) {
        return "terminal/" + terminalId + "/callback-key";
    }
}
