package org.ems.csm.domain;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The account-profile side of a customer service module (figure 4A: Create Account Profile,
 * Public Key, Maintain Security): it builds and signs profiles from what the CSM host reports
 * of the bank's accounts (figure 18) and renews them while the accounts stay active (figure 19).
 * Pure: the bank's answers come in as {@link BankAccountRecord}s, the time as an argument.
 * Immutable; holds the CSM's private key, so never log or encode it.
 */
public final class CustomerServiceModule {

    /** Longest validity of a profile; revalidation renews it. */
    public static final Duration MAX_PROFILE_VALIDITY = Duration.ofDays(3 * 366);

    private final Certificate certificate;
    private final PrivateKey key;
    private final Duration profileValidity;

    public CustomerServiceModule(Certificate certificate, PrivateKey key, Duration profileValidity) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.key = Objects.requireNonNull(key, "key");
        if (certificate.subjectRole() != ModuleRole.CUSTOMER_SERVICE) {
            throw new IllegalArgumentException("a " + certificate.subjectRole() + " certificate is no CSM's");
        }
        if (profileValidity.isNegative() || profileValidity.isZero() || profileValidity.compareTo(MAX_PROFILE_VALIDITY) > 0) {
            throw new IllegalArgumentException("profile validity outside (0, " + MAX_PROFILE_VALIDITY + "]: " + profileValidity);
        }
        this.profileValidity = profileValidity;
    }

    public ModuleId id() {
        return certificate.subjectId();
    }

    public Certificate certificate() {
        return certificate;
    }

    /** The CSM's key, for the claim steps of this package (it opens lost-note claims sealed to it). */
    PrivateKey key() {
        return key;
    }

    /**
     * Figure 18, steps 1936 and 1948-1956: the profile of the accounts the subscriber selected
     * ({@code selected}) among those the bank reports for the subscriber ({@code bankAccounts}),
     * signed, valid from {@code now} for the CSM's profile validity. Each selected account must be
     * one the bank reported (ACCOUNT_UNKNOWN) and active (ACCOUNT_INACTIVE); at least one must be
     * selected (NO_ACCOUNTS).
     */
    public AccountProfile createProfile(ModuleId module, BankId bank, List<BankAccountRecord> bankAccounts,
            Collection<AccountNumber> selected, Instant now) {
        if (selected.isEmpty()) {
            throw new ProfileRejectedException(ProfileRejection.NO_ACCOUNTS, "nothing selected for " + module);
        }
        if (selected.size() > AccountProfile.MAX_ACCOUNTS) {
            throw new ProfileRejectedException(ProfileRejection.MALFORMED, selected.size() + " accounts, at most "
                    + AccountProfile.MAX_ACCOUNTS);
        }
        Map<AccountNumber, BankAccountRecord> reported = byNumber(bank, bankAccounts);
        List<LinkedAccount> linked = new ArrayList<>();
        for (AccountNumber number : selected) {
            linked.add(activeAccount(reported, number).linked());
        }
        return sign(module, bank, linked, now);
    }

    /**
     * Figure 19, steps 1992-2006: the CSM checks the presented profile's Cert(CSM) and signature
     * (not the profile's expiry: renewing an expired profile is the point; nor the expiry of its
     * Cert(CSM), which must only have been valid when it signed), that it is the presenting
     * module's, then asks the bank whether every listed account is still active: any that is not
     * (ACCOUNT_INACTIVE) or is no longer known (ACCOUNT_UNKNOWN) aborts the revalidation. Otherwise
     * a new profile of the same accounts, signed by this CSM, valid from {@code now}.
     */
    public AccountProfile revalidate(AccountProfile presented, ModuleId presenter, ProfileChecks checks,
            List<BankAccountRecord> bankAccounts, Instant now) {
        checks.checkIssuer(presented, ExpiryCheck.IGNORE);
        ProfileChecks.checkModule(presented, presenter);
        Map<AccountNumber, BankAccountRecord> reported = byNumber(presented.bankId(), bankAccounts);
        List<LinkedAccount> linked = new ArrayList<>();
        for (LinkedAccount account : presented.accounts()) {
            BankAccountRecord current = activeAccount(reported, account.number());
            linked.add(current.linked());
        }
        return sign(presenter, presented.bankId(), linked, now);
    }

    /**
     * Signs a profile valid from {@code now} for the profile validity, but never past this CSM's
     * certificate: a profile outlives no Cert(CSM) that the teller checks it with. A CSM whose
     * certificate is not valid at {@code now} signs nothing ({@link IllegalStateException}: it must
     * recertify first).
     */
    private AccountProfile sign(ModuleId module, BankId bank, List<LinkedAccount> accounts, Instant now) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.MILLIS);
        if (issuedAt.isBefore(certificate.issuedAt()) || !issuedAt.isBefore(certificate.expiresAt())) {
            throw new IllegalStateException("CSM " + id() + " certificate is not valid at " + issuedAt);
        }
        Instant expiresAt = issuedAt.plus(profileValidity);
        if (expiresAt.isAfter(certificate.expiresAt())) {
            expiresAt = certificate.expiresAt();
        }
        return AccountProfile.sign(certificate, key, module, bank, accounts, issuedAt, expiresAt);
    }

    private static Map<AccountNumber, BankAccountRecord> byNumber(BankId bank, List<BankAccountRecord> bankAccounts) {
        Map<AccountNumber, BankAccountRecord> reported = new HashMap<>();
        for (BankAccountRecord record : bankAccounts) {
            if (!record.number().isAt(bank)) {
                throw new IllegalArgumentException("the bank host reported account " + record.number() + " for bank " + bank);
            }
            if (reported.put(record.number(), record) != null) {
                throw new IllegalArgumentException("the bank host reported account " + record.number() + " twice");
            }
        }
        return reported;
    }

    private static BankAccountRecord activeAccount(Map<AccountNumber, BankAccountRecord> reported, AccountNumber number) {
        BankAccountRecord record = reported.get(number);
        if (record == null) {
            throw new ProfileRejectedException(ProfileRejection.ACCOUNT_UNKNOWN, number.toString());
        }
        if (!record.active()) {
            throw new ProfileRejectedException(ProfileRejection.ACCOUNT_INACTIVE, number.toString());
        }
        return record;
    }

    @Override
    public String toString() {
        return "CustomerServiceModule[" + id() + "]";
    }
}
