package org.ems.bench.provider;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteVerifier;
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
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.PssKeyList;

/**
 * One business day of the provider scheme held in memory: {@code terminals} merchant terminals
 * (half at BANKA, half at BANKB) each holding {@code salesPerTerminal} sales of 100 JPY, paid by IC
 * cards whose notes of 1,000 JPY the provider issued (one card per issue, each note spent by 10
 * sales at 10 terminals: generator -> teller -> card -> terminal, four signatures per note held).
 * The stores are maps and lists in place of the JPA tables (the notes held encoded, as the rows
 * hold them); every step of the day-end settlement runs on the same domain objects, with the same
 * key unsealing, as {@code MerchantTerminalService}, {@code ProviderHostService} and
 * {@code TerminalLine} run it (figure 8): batch, host record, call back, answer, the host's check
 * of every note ({@code HostSettlement.claim}: issue, {@code NoteVerifier} per packet of 64,
 * replay, per-issue bound), PIN block, instruction, transfer through the relay centre in its wire
 * format, the bank's approval, erasure. Not included: the database, the JMS hop and the bank
 * host's side (PIN check, posting).
 */
final class ProviderDay {

    static final String JPY = "JPY";
    static final long PIECE_MINOR = 100;
    static final long ISSUE_MINOR = 1_000;
    static final BankId A = new BankId("BANKA");
    static final BankId B = new BankId("BANKB");
    static final Instant CERTIFIED = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant ISSUED = Instant.parse("2026-11-30T01:00:00Z");
    static final Instant SOLD = Instant.parse("2026-11-30T10:00:00Z");
    /** The host's clock at day end (its certificate validation and expiry checks). */
    static final Instant DAY_END = Instant.parse("2026-11-30T23:00:00Z");

    /**
     * The signed notes of one day, made once per trial (the signing is what takes long): the
     * security hierarchy, the provider's generator and teller, one card per issue, one module per
     * terminal, and each terminal's notes as its card transferred them.
     */
    static final class Notes {
        final SecureRandom random = new SecureRandom();
        final NumberingScheme scheme = NumberingScheme.generate(random);
        final ModuleId pssId = scheme.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 2);
        final KeyPair pssKeys = Crypto.generateKeyPair(KeyLength.P521, random);
        final PssKeyList pssKeyList;
        final BadIdList badIds;
        final KeyPair ssKeys = Crypto.generateKeyPair(KeyLength.P256, random);
        final Certificate ssCert;
        final int terminals;
        final int salesPerTerminal;
        final EmoneyIssue[] issues;
        final ModuleId[] terminalModules;
        final Note[][] sales;
        private long residue = 12_000_000;

        Notes(int terminals, int salesPerTerminal) {
            this.terminals = terminals;
            this.salesPerTerminal = salesPerTerminal;
            pssKeyList = PssKeyList.sign(1, Map.of(pssId, pssKeys.getPublic()), pssId, CERTIFIED, pssKeys.getPrivate());
            badIds = BadIdList.sign(1, Set.of(), CERTIFIED, pssId, pssKeys.getPrivate());
            ModuleId ssId = scheme.idFor(ModuleRole.SECURITY_SERVER, 100_000);
            ssCert = CertificateIssuer.certifySecurityServer(pssId, pssKeys.getPrivate(), ssId, ssKeys.getPublic(), CERTIFIED,
                    CERTIFIED.plus(Duration.ofDays(730)), scheme);
            KeyPair generatorKeys = Crypto.generateKeyPair(KeyLength.P256, random);
            Certificate generator = certify(ModuleRole.MONEY_GENERATOR, 7_000_000, generatorKeys);
            KeyPair tellerKeys = Crypto.generateKeyPair(KeyLength.P256, random);
            Certificate teller = certify(ModuleRole.TELLER, 1_000_000, tellerKeys);

            int pieces = terminals * salesPerTerminal;
            int issueCount = (int) (pieces * PIECE_MINOR / ISSUE_MINOR);
            issues = new EmoneyIssue[issueCount];
            Certificate[] cardCerts = new Certificate[issueCount];
            KeyPair[] cardKeys = new KeyPair[issueCount];
            for (int i = 0; i < issueCount; i++) {
                cardKeys[i] = Crypto.generateKeyPair(KeyLength.P256, random);
                cardCerts[i] = certify(ModuleRole.TRANSACTION, residue++, cardKeys[i]);
                issues[i] = EmoneyIssue.mint(generator, generatorKeys.getPrivate(), teller, tellerKeys.getPrivate(), NoteId.random(random),
                        Money.of(CurrencyCode.of(JPY), ISSUE_MINOR), cardCerts[i].subjectId(), ISSUED, Duration.ofDays(365));
            }
            terminalModules = new ModuleId[terminals];
            sales = new Note[terminals][salesPerTerminal];
            long[] sequence = new long[issueCount];
            for (int t = 0; t < terminals; t++) {
                terminalModules[t] = scheme.idFor(ModuleRole.TRANSACTION, residue++);
                for (int s = 0; s < salesPerTerminal; s++) {
                    int i = (t * salesPerTerminal + s) % issueCount;
                    sales[t][s] = issues[i].note().transfer(cardCerts[i], cardKeys[i].getPrivate(), terminalModules[t],
                            Money.of(CurrencyCode.of(JPY), PIECE_MINOR), SOLD, ++sequence[i]);
                }
            }
        }

        private Certificate certify(ModuleRole role, long moduleResidue, KeyPair keys) {
            return CertificateIssuer.certifyModule(ssCert, ssKeys.getPrivate(), scheme.idFor(role, moduleResidue), role, keys.getPublic(),
                    CERTIFIED, CERTIFIED.plus(Duration.ofDays(365)), scheme);
        }

        /** Figure 8 of the money issue with the hierarchy's lists, at day end. */
        NoteVerifier verifier() {
            return new NoteVerifier(new CertificateValidator(scheme, pssKeyList, badIds, Clock.fixed(DAY_END, ZoneOffset.UTC)), badIds);
        }
    }

    final Notes notes;
    final int terminals;
    final SecureRandom random = new SecureRandom();
    final AtRestCipher atRest;
    final LocalDate day = LocalDate.of(2026, 11, 30);
    final NoteVerifier verifier;

    // the provider host's store
    final Map<String, IssuedEmoney> issued = new HashMap<>();
    final Set<String> settledPieces = new HashSet<>();
    final Map<BankId, AccountNumber> providerAccounts = Map.of(A, new AccountNumber(A, "1", "500"), B, new AccountNumber(B, "1", "500"));
    final Map<BankId, byte[]> providerPinSealed = new HashMap<>();
    // the bank PIN keys held by the host's and the terminals' security module
    final Map<BankId, byte[]> bankPinKeySealed = new HashMap<>();
    int hostSettlements;

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

    /** A fresh day over {@code notes}: the host's issues unsettled, every terminal holding its sales (encoded, as its rows). */
    ProviderDay(Notes notes) {
        this.notes = notes;
        this.terminals = notes.terminals;
        this.verifier = notes.verifier();
        byte[] master = new byte[32];
        random.nextBytes(master);
        atRest = new AtRestCipher(master, random);
        for (BankId bank : List.of(A, B)) {
            providerPinSealed.put(bank, atRest.seal(Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, "provider-account-pin/" + bank.code(),
                    "7000".getBytes(StandardCharsets.US_ASCII)));
            bankPinKeySealed.put(bank, atRest.seal(Purpose.BANK_PIN_KEY_AT_REST, "bank-pin-key/" + bank.code(), key32()));
        }
        relay = new BankPosRelay(format, Map.of(A, r -> count(A, r.amount()), B, r -> count(B, r.amount())));
        for (EmoneyIssue issue : notes.issues) {
            issued.put(issue.serial().toString(), new IssuedEmoney(issue, uuid(), ISSUED));
        }
        terminalIds = new String[terminals];
        merchantAccounts = new AccountNumber[terminals];
        hostKeySealed = new byte[terminals][];
        terminalKeySealed = new byte[terminals][];
        held = new ArrayList<>(terminals);
        batches = new SettlementBatch[terminals];
        for (int t = 0; t < terminals; t++) {
            String id = String.format("M%06d", t);
            terminalIds[t] = id;
            merchantAccounts[t] = new AccountNumber(t % 2 == 0 ? A : B, "2", String.valueOf(t));
            byte[] callbackKey = key32();
            hostKeySealed[t] = atRest.seal(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, hostOwner(id), callbackKey);
            terminalKeySealed[t] = atRest.seal(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, terminalOwner(id), callbackKey);
            List<HeldEmoney> store = new ArrayList<>(notes.salesPerTerminal);
            for (int s = 0; s < notes.salesPerTerminal; s++) {
                store.add(new HeldEmoney(uuid(), id, day, "s" + s, new EmoneyPiece(notes.sales[t][s]), SOLD));
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
        LedgerAmount batchTotal = LedgerAmount.of(total, JPY);
        SettlementBatch batch = new SettlementBatch(key, batchTotal, pieces.size(), now);
        batches[t] = batch;
        for (HeldEmoney h : store) {
            h.moveInto(key);
        }

        // Host: records the presented e-money under the key and calls the registered terminal back.
        HostSettlement settlement = new HostSettlement(key, batchTotal, pieces, now);
        hostSettlements++;
        CallbackChallenge challenge = CallbackChallenge.issue(terminalId, CallbackPurpose.SETTLEMENT, key.toString(), random, now);
        CallbackCall call = challenge.call();

        // Terminal: answers with its copy of the callback key.
        byte[] terminalKey = atRest.open(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, terminalOwner(terminalId), terminalKeySealed[t]);
        byte[] answer = call.answer(terminalKey);

        // Host: checks the answer, verifies and claims every note, seals the provider's PIN to the merchant's bank.
        byte[] hostKey = atRest.open(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, hostOwner(terminalId), hostKeySealed[t]);
        challenge.verify(CallbackPurpose.SETTLEMENT, key.toString(), hostKey, answer, now);
        settlement.claim(serial -> Optional.ofNullable(issued.get(serial)), settledPieces::contains, verifier, notes.terminalModules[t],
                DAY_END);
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
        long expected = (long) terminals * notes.salesPerTerminal * PIECE_MINOR;
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
        if (settledPieces.size() != terminals * notes.salesPerTerminal || hostSettlements != terminals) {
            throw new IllegalStateException(settledPieces.size() + " pieces settled in " + hostSettlements);
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
