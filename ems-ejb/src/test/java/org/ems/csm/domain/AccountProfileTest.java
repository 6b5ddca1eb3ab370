package org.ems.csm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.csm.domain.CsmFixtures.BANK;
import static org.ems.csm.domain.CsmFixtures.CHECKING;
import static org.ems.csm.domain.CsmFixtures.CSM;
import static org.ems.csm.domain.CsmFixtures.CSM_PARTY;
import static org.ems.csm.domain.CsmFixtures.LOAN;
import static org.ems.csm.domain.CsmFixtures.MODULE;
import static org.ems.csm.domain.CsmFixtures.NOW;
import static org.ems.csm.domain.CsmFixtures.SAVINGS;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.ems.bank.domain.AccountNumber;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.money.domain.NoteFixtures;
import org.junit.jupiter.api.Test;

class AccountProfileTest {

    private static final Instant ISSUED = NOW.minus(Duration.ofDays(1));

    @Test
    void signedProfileCarriesItsFieldsAndRoundTrips() {
        AccountProfile profile = CsmFixtures.profile(ISSUED);

        assertThat(profile.moduleId()).isEqualTo(MODULE.id());
        assertThat(profile.bankId()).isEqualTo(BANK);
        assertThat(profile.issuedAt()).isEqualTo(ISSUED);
        assertThat(profile.expiresAt()).isEqualTo(ISSUED.plus(CsmFixtures.VALIDITY));
        assertThat(profile.accounts()).containsExactly(new LinkedAccount(CHECKING, AccountType.DEPOSIT),
                new LinkedAccount(LOAN, AccountType.LOAN));
        assertThat(profile.csmCertificate()).isEqualTo(CSM_PARTY.cert());
        assertThat(profile.isSignedByItsCsm()).isTrue();
        assertThat(CanonicalReader.peekPurpose(profile.signedPayload())).isEqualTo(Purpose.ACCOUNT_PROFILE);

        AccountProfile decoded = AccountProfile.decode(profile.encoded());
        assertThat(decoded).isEqualTo(profile);
        assertThat(decoded.accounts()).isEqualTo(profile.accounts());
        assertThat(decoded.isSignedByItsCsm()).isTrue();
    }

    @Test
    void theSignedPartHasOneEncodingWhateverTheOrderOfSelection() {
        AccountProfile one = CSM.createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(), List.of(LOAN, SAVINGS, CHECKING), ISSUED);
        AccountProfile other = CSM.createProfile(MODULE.id(), BANK, CsmFixtures.bankAccounts(), List.of(CHECKING, LOAN, SAVINGS), ISSUED);
        assertThat(one.signedPayload()).isEqualTo(other.signedPayload());
        assertThat(one.accounts()).extracting(LinkedAccount::number).containsExactly(CHECKING, SAVINGS, LOAN);
    }

    @Test
    void refusesEveryTruncationAndTrailingBytes() {
        byte[] encoded = CsmFixtures.profile().encoded();
        for (int length = 0; length < encoded.length; length += 7) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertRejected(() -> AccountProfile.decode(truncated), ProfileRejection.MALFORMED);
        }
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertRejected(() -> AccountProfile.decode(longer), ProfileRejection.MALFORMED);
    }

    @Test
    void refusesAnotherKindOfDocument() {
        byte[] certificate = CSM_PARTY.cert().encoded();
        assertRejected(() -> AccountProfile.decode(certificate), ProfileRejection.MALFORMED);
    }

    @Test
    void refusesAnAccountOfAnotherBankOrListedTwice() {
        AccountNumber elsewhere = AccountNumber.parse("BANK2-001-1");
        assertRejected(() -> AccountProfile.sign(CSM_PARTY.cert(), CSM_PARTY.keys().getPrivate(), MODULE.id(), BANK,
                List.of(new LinkedAccount(elsewhere, AccountType.DEPOSIT)), ISSUED, NOW), ProfileRejection.MALFORMED);
        assertRejected(() -> AccountProfile.sign(CSM_PARTY.cert(), CSM_PARTY.keys().getPrivate(), MODULE.id(), BANK,
                List.of(new LinkedAccount(CHECKING, AccountType.DEPOSIT), new LinkedAccount(CHECKING, AccountType.LOAN)), ISSUED, NOW),
                ProfileRejection.MALFORMED);
    }

    @Test
    void refusesAProfileUnderACertificateOfAnotherRole() {
        assertRejected(() -> AccountProfile.sign(NoteFixtures.TELLER.cert(), NoteFixtures.TELLER.keys().getPrivate(), MODULE.id(), BANK,
                List.of(new LinkedAccount(CHECKING, AccountType.DEPOSIT)), ISSUED, NOW), ProfileRejection.MALFORMED);
    }

    @Test
    void refusesAProfileThatExpiresBeforeItIsIssued() {
        assertRejected(() -> AccountProfile.sign(CSM_PARTY.cert(), CSM_PARTY.keys().getPrivate(), MODULE.id(), BANK,
                List.of(new LinkedAccount(CHECKING, AccountType.DEPOSIT)), NOW, NOW), ProfileRejection.MALFORMED);
    }

    @Test
    void aNewerProfileReplacesTheOlderOfItsBankAndNeverTheReverse() {
        AccountProfile older = CsmFixtures.profile(NOW.minus(Duration.ofDays(10)));
        AccountProfile newer = CsmFixtures.profile(NOW.minus(Duration.ofDays(1)));
        AccountProfiles profiles = AccountProfiles.empty(MODULE.id()).store(older).store(newer);

        assertThat(profiles.forBank(BANK)).contains(newer);
        assertThat(profiles.size()).isEqualTo(1);
        assertRejected(() -> profiles.store(older), ProfileRejection.STALE);
        assertRejected(() -> profiles.store(newer), ProfileRejection.STALE);
    }

    @Test
    void storesOnlyTheOwnersProfiles() {
        AccountProfile forB = CSM.createProfile(NoteFixtures.B.id(), BANK, CsmFixtures.bankAccounts(), List.of(CHECKING), ISSUED);
        assertRejected(() -> AccountProfiles.empty(MODULE.id()).store(forB), ProfileRejection.WRONG_MODULE);
    }

    @Test
    void profilesRoundTripAtRestAndRefuseTwoOfOneBank() {
        AccountProfile other = CSM.createProfile(MODULE.id(), CsmFixtures.OTHER_BANK,
                List.of(new BankAccountRecord(AccountNumber.parse("BANK2-9-55"), AccountType.DEPOSIT, true)),
                List.of(AccountNumber.parse("BANK2-9-55")), ISSUED);
        AccountProfiles profiles = AccountProfiles.empty(MODULE.id()).store(CsmFixtures.profile()).store(other);
        assertThat(AccountProfiles.decode(profiles.encoded())).isEqualTo(profiles);

        AccountProfile p = CsmFixtures.profile();
        byte[] twice = new CanonicalWriter(Purpose.ACCOUNT_PROFILES).putLong(MODULE.id().value()).putInt(2)
                .putBytes(p.encoded()).putBytes(p.encoded()).toBytes();
        assertRejected(() -> AccountProfiles.decode(twice), ProfileRejection.MALFORMED);
    }

    static void assertRejected(Runnable call, ProfileRejection reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProfileRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
