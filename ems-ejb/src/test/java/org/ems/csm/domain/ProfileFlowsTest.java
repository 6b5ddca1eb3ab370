package org.ems.csm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.csm.domain.AccountProfileTest.assertRejected;
import static org.ems.csm.domain.CsmFixtures.BANK;
import static org.ems.csm.domain.CsmFixtures.CHECKING;
import static org.ems.csm.domain.CsmFixtures.CLOSED;
import static org.ems.csm.domain.CsmFixtures.CSM;
import static org.ems.csm.domain.CsmFixtures.CSM_PARTY;
import static org.ems.csm.domain.CsmFixtures.LOAN;
import static org.ems.csm.domain.CsmFixtures.MODULE;
import static org.ems.csm.domain.CsmFixtures.NOW;
import static org.ems.csm.domain.CsmFixtures.SAVINGS;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ems.bank.domain.AccountNumber;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteFixtures.Party;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Link (figure 18), revalidate (figure 19) and validate account number (figure 20), each check fed its bad case. */
class ProfileFlowsTest {

    private final ProfileChecks checks = CsmFixtures.checks();
    private final AccountProfiles none = AccountProfiles.empty(MODULE.id());

    /** A CSM whose certificate expired before {@link CsmFixtures#NOW}. */
    private static CustomerServiceModule expiredCsm() {
        Party party = NoteFixtures.party(ModuleRole.CUSTOMER_SERVICE, 10_000_005, NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(1)));
        return CsmFixtures.csm(party);
    }

    /** A CSM certified by a security server that a primary security server outside the hierarchy certified. */
    private static CustomerServiceModule csmOutsideTheHierarchy() {
        KeyPair roguePss = Crypto.generateKeyPair(KeyLength.P521, NoteFixtures.RANDOM);
        ModuleId roguePssId = NoteFixtures.SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 9);
        Certificate rogueSs = CertificateIssuer.certifySecurityServer(roguePssId, roguePss.getPrivate(), NoteFixtures.SS_ID,
                NoteFixtures.SS_KEYS.getPublic(), NoteFixtures.CERT_ISSUED, NoteFixtures.CERT_EXPIRES, NoteFixtures.SCHEME);
        Certificate cert = CertificateIssuer.certifyModule(rogueSs, NoteFixtures.SS_KEYS.getPrivate(), CSM_PARTY.id(),
                ModuleRole.CUSTOMER_SERVICE, CSM_PARTY.keys().getPublic(), NoteFixtures.CERT_ISSUED, NoteFixtures.CERT_EXPIRES,
                NoteFixtures.SCHEME);
        return new CustomerServiceModule(cert, CSM_PARTY.keys().getPrivate(), CsmFixtures.VALIDITY);
    }

    /** The profile signed with a key that is not its Cert(CSM)'s. */
    private static AccountProfile signedWithAnotherKey() {
        AccountProfile genuine = CsmFixtures.profile();
        return AccountProfile.sign(CSM_PARTY.cert(), NoteFixtures.B.keys().getPrivate(), genuine.moduleId(), genuine.bankId(),
                genuine.accounts(), genuine.issuedAt(), genuine.expiresAt());
    }

    /** The genuine signature over a payload that lists one more account. */
    private static AccountProfile withAnAccountAdded() {
        AccountProfile genuine = CsmFixtures.profile();
        List<LinkedAccount> more = new ArrayList<>(genuine.accounts());
        more.add(new LinkedAccount(SAVINGS, AccountType.DEPOSIT));
        byte[] payload = AccountProfile.payload(genuine.moduleId(), genuine.bankId(), more, genuine.issuedAt(), genuine.expiresAt());
        return AccountProfile.assemble(payload, genuine.signature(), genuine.csmCertificate());
    }

    @Nested
    class Link {

        @Test
        void theAffirmedProfileIsStoredForItsBank() {
            AccountProfile profile = CsmFixtures.profile();
            AccountProfiles linked = ProfileLink.offer(profile, MODULE.id(), checks, NOW).decide(true, none);
            assertThat(linked.forBank(BANK)).contains(profile);
            assertThat(linked.forBank(BANK).orElseThrow().csmCertificate()).isEqualTo(CSM_PARTY.cert());
        }

        @Test
        void aDeclinedProfileIsNotStored() {
            AccountProfiles held = none.store(CsmFixtures.profile(NOW.minus(Duration.ofDays(5))));
            ProfileLink.Proposal proposal = ProfileLink.offer(CsmFixtures.profile(), MODULE.id(), checks, NOW);
            assertRejected(() -> proposal.decide(false, held), ProfileRejection.CUSTOMER_DECLINED);
            assertThat(held.forBank(BANK).orElseThrow().issuedAt()).isEqualTo(NOW.minus(Duration.ofDays(5)));
        }

        @Test
        void aNewLinkReplacesTheOldOneAndAReplayedOldOneIsRefused() {
            AccountProfile old = CsmFixtures.profile(NOW.minus(Duration.ofDays(5)));
            AccountProfile fresh = CsmFixtures.profile(NOW.minus(Duration.ofHours(1)));
            AccountProfiles linked = ProfileLink.offer(old, MODULE.id(), checks, NOW).decide(true, none);
            linked = ProfileLink.offer(fresh, MODULE.id(), checks, NOW).decide(true, linked);
            assertThat(linked.forBank(BANK)).contains(fresh);
            AccountProfiles current = linked;
            assertRejected(() -> ProfileLink.offer(old, MODULE.id(), checks, NOW).decide(true, current), ProfileRejection.STALE);
        }

        @Test
        void theCsmRefusesAnEmptySelectionAnInactiveAccountAndOneTheBankDoesNotReport() {
            assertRejected(() -> CSM.createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(), List.of(), NOW),
                    ProfileRejection.NO_ACCOUNTS);
            assertRejected(() -> CSM.createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(), List.of(CHECKING, CLOSED), NOW),
                    ProfileRejection.ACCOUNT_INACTIVE);
            AccountNumber unknown = AccountNumber.parse("BANK1-001-4242");
            assertRejected(() -> CSM.createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(), List.of(unknown), NOW),
                    ProfileRejection.ACCOUNT_UNKNOWN);
        }

        @Test
        void aProfileNeverOutlivesItsCsmCertificateAndAnExpiredCsmSignsNothing() {
            AccountProfile profile = expiredCsm().createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(), List.of(CHECKING),
                    NOW.minus(Duration.ofDays(2)));
            assertThat(profile.expiresAt()).isEqualTo(NOW.minus(Duration.ofDays(1)));
            assertThatThrownBy(() -> expiredCsm().createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(), List.of(CHECKING), NOW))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void refusesAProfileIssuedOutsideItsCsmCertificate() {
            AccountProfile genuine = CsmFixtures.profile();
            AccountProfile early = AccountProfile.sign(CSM_PARTY.cert(), CSM_PARTY.keys().getPrivate(), MODULE.id(), BANK,
                    genuine.accounts(), CSM_PARTY.cert().issuedAt().minusSeconds(1), NOW.plus(Duration.ofDays(1)));
            assertRejected(() -> ProfileLink.offer(early, MODULE.id(), checks, NOW), ProfileRejection.CSM_CERTIFICATE_INVALID);
        }

        @Test
        void refusesAnExpiredCsmCertificate() {
            AccountProfile profile = expiredCsm().createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(), List.of(CHECKING),
                    NOW.minus(Duration.ofDays(2)));
            assertRejected(() -> ProfileLink.offer(profile, MODULE.id(), checks, NOW), ProfileRejection.CSM_CERTIFICATE_INVALID);
        }

        @Test
        void refusesACsmCertificateFromOutsideTheHierarchy() {
            AccountProfile profile = csmOutsideTheHierarchy().createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(),
                    List.of(CHECKING), NOW);
            assertRejected(() -> ProfileLink.offer(profile, MODULE.id(), checks, NOW), ProfileRejection.CSM_CERTIFICATE_INVALID);
        }

        @Test
        void refusesABadListedCsm() {
            ProfileChecks listing = CsmFixtures.checksBadListing(CSM_PARTY.id());
            assertRejected(() -> ProfileLink.offer(CsmFixtures.profile(), MODULE.id(), listing, NOW), ProfileRejection.CSM_BAD_LISTED);
        }

        @Test
        void refusesABadCsmSignature() {
            assertRejected(() -> ProfileLink.offer(signedWithAnotherKey(), MODULE.id(), checks, NOW), ProfileRejection.BAD_SIGNATURE);
            assertRejected(() -> ProfileLink.offer(withAnAccountAdded(), MODULE.id(), checks, NOW), ProfileRejection.BAD_SIGNATURE);
        }

        @Test
        void refusesAProfileOfAnotherModule() {
            AccountProfile forB = CSM.createProfile(NoteFixtures.B.id(), BANK, CsmFixtures.bankAccounts(), List.of(CHECKING), NOW);
            assertRejected(() -> ProfileLink.offer(forB, MODULE.id(), checks, NOW), ProfileRejection.WRONG_MODULE);
        }

        @Test
        void refusesAnExpiredProfile() {
            AccountProfile expired = CsmFixtures.profile(NOW.minus(CsmFixtures.VALIDITY).minus(Duration.ofDays(1)));
            assertRejected(() -> ProfileLink.offer(expired, MODULE.id(), checks, NOW), ProfileRejection.EXPIRED);
            AccountProfile endsNow = CsmFixtures.profile(NOW.minus(CsmFixtures.VALIDITY));
            assertRejected(() -> ProfileLink.offer(endsNow, MODULE.id(), checks, NOW), ProfileRejection.EXPIRED);
        }
    }

    @Nested
    class Revalidate {

        private final Instant later = NOW.minus(Duration.ofHours(1));

        @Test
        void anExpiredProfileOfActiveAccountsIsRenewedAndReplacesTheOldOne() {
            AccountProfile old = CsmFixtures.profile(NOW.minus(CsmFixtures.VALIDITY).minus(Duration.ofDays(3)));
            AccountProfiles held = none.store(old);

            AccountProfile renewed = CSM.revalidate(old, MODULE.id(), checks, CsmFixtures.bankAccounts(), later);
            AccountProfiles after = ProfileLink.acceptRevalidated(held, renewed, checks, NOW);

            assertThat(renewed.accounts()).isEqualTo(old.accounts());
            assertThat(renewed.issuedAt()).isEqualTo(later);
            assertThat(renewed.expiresAt()).isAfter(NOW);
            assertThat(after.forBank(BANK)).contains(renewed);
        }

        @Test
        void anotherCsmOfTheBankMayRenewIt() {
            AccountProfile renewed = CsmFixtures.OTHER_CSM.revalidate(CsmFixtures.profile(), MODULE.id(), checks,
                    CsmFixtures.bankAccounts(), later);
            assertThat(renewed.csmCertificate()).isEqualTo(CsmFixtures.OTHER_CSM_PARTY.cert());
            assertThat(renewed.isSignedByItsCsm()).isTrue();
        }

        @Test
        void anAccountNoLongerActiveAbortsWithItsReason() {
            AccountProfile profile = CsmFixtures.profile();
            assertRejected(() -> CSM.revalidate(profile, MODULE.id(), checks, CsmFixtures.bankAccountsWithInactive(LOAN), later),
                    ProfileRejection.ACCOUNT_INACTIVE);
            List<BankAccountRecord> withoutChecking = CsmFixtures.bankAccounts().stream()
                    .filter(record -> !record.number().equals(CHECKING)).toList();
            assertRejected(() -> CSM.revalidate(profile, MODULE.id(), checks, withoutChecking, later), ProfileRejection.ACCOUNT_UNKNOWN);
        }

        @Test
        void aProfileSignedUnderACsmCertificateThatHasExpiredSinceIsRenewed() {
            AccountProfile signedBeforeExpiry = expiredCsm().createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(),
                    List.of(CHECKING), NOW.minus(Duration.ofDays(2)));
            AccountProfile renewed = CSM.revalidate(signedBeforeExpiry, MODULE.id(), checks, CsmFixtures.bankAccounts(), later);
            assertThat(renewed.csmCertificate()).isEqualTo(CSM_PARTY.cert());
        }

        @Test
        void theCsmRefusesABadCertificateABadSignatureAndAnotherModulesProfile() {
            AccountProfile outside = csmOutsideTheHierarchy().createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(),
                    List.of(CHECKING), NOW);
            assertRejected(() -> CSM.revalidate(outside, MODULE.id(), checks, CsmFixtures.bankAccounts(), later),
                    ProfileRejection.CSM_CERTIFICATE_INVALID);
            assertRejected(() -> CSM.revalidate(CsmFixtures.profile(), MODULE.id(), CsmFixtures.checksBadListing(CSM_PARTY.id()),
                    CsmFixtures.bankAccounts(), later), ProfileRejection.CSM_BAD_LISTED);
            assertRejected(() -> CSM.revalidate(withAnAccountAdded(), MODULE.id(), checks, CsmFixtures.bankAccounts(), later),
                    ProfileRejection.BAD_SIGNATURE);
            assertRejected(() -> CSM.revalidate(CsmFixtures.profile(), NoteFixtures.B.id(), checks, CsmFixtures.bankAccounts(), later),
                    ProfileRejection.WRONG_MODULE);
        }

        @Test
        void theModuleRefusesARenewalWithABadSignatureAndKeepsItsProfile() {
            AccountProfiles held = none.store(CsmFixtures.profile(NOW.minus(Duration.ofDays(3))));
            assertRejected(() -> ProfileLink.acceptRevalidated(held, signedWithAnotherKey(), checks, NOW), ProfileRejection.BAD_SIGNATURE);
            assertThat(held.forBank(BANK).orElseThrow().issuedAt()).isEqualTo(NOW.minus(Duration.ofDays(3)));
        }
    }

    @Nested
    class ValidateAccountNumber {

        private final AccountNumberValidation teller = new AccountNumberValidation(checks, BANK);
        private final List<AccountNumber> asked = new ArrayList<>();
        private final AccountNumberValidation.AccountStatusLookup bankSaysActive = account -> {
            asked.add(account);
            return true;
        };

        @Test
        void aListedActiveAccountOfAValidProfilePasses() {
            LinkedAccount account = teller.validate(CsmFixtures.profile(), LOAN, MODULE.id(), NOW, bankSaysActive);
            assertThat(account).isEqualTo(new LinkedAccount(LOAN, AccountType.LOAN));
            assertThat(asked).containsExactly(LOAN);
        }

        @Test
        void refusesABadCsmCertificate() {
            AccountProfile profile = csmOutsideTheHierarchy().createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(),
                    List.of(CHECKING), NOW);
            assertRejected(() -> teller.validate(profile, CHECKING, MODULE.id(), NOW, bankSaysActive),
                    ProfileRejection.CSM_CERTIFICATE_INVALID);
            assertThat(asked).isEmpty();
        }

        @Test
        void refusesABadCsmSignature() {
            assertRejected(() -> teller.validate(withAnAccountAdded(), SAVINGS, MODULE.id(), NOW, bankSaysActive),
                    ProfileRejection.BAD_SIGNATURE);
            assertThat(asked).isEmpty();
        }

        @Test
        void refusesAProfileOfAnotherModuleOrBank() {
            assertRejected(() -> teller.validate(CsmFixtures.profile(), CHECKING, NoteFixtures.B.id(), NOW, bankSaysActive),
                    ProfileRejection.WRONG_MODULE);
            AccountNumberValidation otherTeller = new AccountNumberValidation(checks, CsmFixtures.OTHER_BANK);
            assertRejected(() -> otherTeller.validate(CsmFixtures.profile(), CHECKING, MODULE.id(), NOW, bankSaysActive),
                    ProfileRejection.WRONG_BANK);
        }

        @Test
        void refusesAnExpiredProfile() {
            AccountProfile expired = CsmFixtures.profile(NOW.minus(CsmFixtures.VALIDITY).minus(Duration.ofDays(1)));
            assertRejected(() -> teller.validate(expired, CHECKING, MODULE.id(), NOW, bankSaysActive), ProfileRejection.EXPIRED);
        }

        @Test
        void refusesAnAccountNotListed() {
            assertRejected(() -> teller.validate(CsmFixtures.profile(), SAVINGS, MODULE.id(), NOW, bankSaysActive),
                    ProfileRejection.ACCOUNT_NOT_LISTED);
            assertThat(asked).isEmpty();
        }

        @Test
        void refusesAnAccountTheBankReportsInactive() {
            assertRejected(() -> teller.validate(CsmFixtures.profile(), CHECKING, MODULE.id(), NOW, account -> false),
                    ProfileRejection.ACCOUNT_INACTIVE);
        }
    }
}
