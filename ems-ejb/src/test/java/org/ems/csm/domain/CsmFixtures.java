package org.ems.csm.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteFixtures.Party;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * Customer service modules in the note fixtures' security hierarchy (so one validator checks
 * CSMs, money modules and notes alike), a bank with a subscriber's accounts, and checks built on
 * the fixtures' validator (its clock stands at {@link NoteFixtures#NOW}).
 */
final class CsmFixtures {

    static final Instant NOW = NoteFixtures.NOW;
    static final BankId BANK = new BankId("BANK1");
    static final BankId OTHER_BANK = new BankId("BANK2");
    static final AccountNumber CHECKING = AccountNumber.parse("BANK1-001-1000001");
    static final AccountNumber SAVINGS = AccountNumber.parse("BANK1-001-1000002");
    static final AccountNumber LOAN = AccountNumber.parse("BANK1-002-7000001");
    static final AccountNumber CLOSED = AccountNumber.parse("BANK1-001-1000009");
    static final Duration VALIDITY = Duration.ofDays(365);

    /** Certified long ago, so that profiles issued more than a validity ago (expired ones) were signed under a valid certificate. */
    static final Party CSM_PARTY = NoteFixtures.party(ModuleRole.CUSTOMER_SERVICE, 10_000_000, NOW.minus(Duration.ofDays(800)),
            NoteFixtures.CERT_EXPIRES);
    static final Party OTHER_CSM_PARTY = NoteFixtures.party(ModuleRole.CUSTOMER_SERVICE, 10_000_001);
    static final CustomerServiceModule CSM = csm(CSM_PARTY);
    static final CustomerServiceModule OTHER_CSM = csm(OTHER_CSM_PARTY);

    /** The subscriber's module. */
    static final Party MODULE = NoteFixtures.A;

    private CsmFixtures() {
    }

    static CustomerServiceModule csm(Party party) {
        return new CustomerServiceModule(party.cert(), party.keys().getPrivate(), VALIDITY);
    }

    /** What the bank's on-line system reports for the subscriber. */
    static List<BankAccountRecord> bankAccounts() {
        return List.of(new BankAccountRecord(CHECKING, AccountType.DEPOSIT, true),
                new BankAccountRecord(SAVINGS, AccountType.DEPOSIT, true),
                new BankAccountRecord(LOAN, AccountType.LOAN, true),
                new BankAccountRecord(CLOSED, AccountType.DEPOSIT, false));
    }

    /** The same accounts with {@code inactive} reported as no longer active. */
    static List<BankAccountRecord> bankAccountsWithInactive(AccountNumber inactive) {
        return bankAccounts().stream()
                .map(record -> record.number().equals(inactive) ? new BankAccountRecord(record.number(), record.type(), false) : record)
                .toList();
    }

    /** A profile of checking and loan for {@link #MODULE}, issued at {@code at}. */
    static AccountProfile profile(Instant at) {
        return CSM.createProfile(MODULE.id(), BANK, bankAccounts(), List.of(CHECKING, LOAN), at);
    }

    static AccountProfile profile() {
        return profile(NOW.minus(Duration.ofDays(1)));
    }

    static ProfileChecks checks() {
        return new ProfileChecks(NoteFixtures.validator(NoteFixtures.NO_BAD_IDS));
    }

    static ProfileChecks checksBadListing(ModuleId... ids) {
        return new ProfileChecks(validatorBadListing(ids));
    }

    static CertificateValidator validatorBadListing(ModuleId... ids) {
        BadIdList badIds = BadIdList.sign(2, Set.of(ids), NOW, NoteFixtures.PSS_ID, NoteFixtures.PSS_KEYS.getPrivate());
        return NoteFixtures.validator(badIds);
    }
}
