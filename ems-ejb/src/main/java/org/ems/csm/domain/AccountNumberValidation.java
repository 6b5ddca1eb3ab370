package org.ems.csm.domain;

import java.time.Instant;
import java.util.Objects;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.security.domain.ModuleId;

/**
 * Validate Account Number (figure 20), run by a teller money module before a withdrawal,
 * deposit or credit update for the account: Maintain Security verifies Cert(CSM) (step 2020),
 * Public Key the CSM's signature (2022); then, additions that a profile's own fields make
 * checkable, the profile must be the requesting module's and the teller's bank's and not expired;
 * the account must be listed in it; and To Bank asks the bank's on-line system whether the
 * account is active (2024-2030). Every failure aborts with its {@link ProfileRejection}.
 */
public final class AccountNumberValidation {

    /** To Bank's question to the bank's on-line system (step 2024). */
    @FunctionalInterface
    public interface AccountStatusLookup {
        boolean isActive(AccountNumber account);
    }

    private final ProfileChecks checks;
    private final BankId tellerBank;

    public AccountNumberValidation(ProfileChecks checks, BankId tellerBank) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.tellerBank = Objects.requireNonNull(tellerBank, "tellerBank");
    }

    /** Returns normally when the account may be used: "return to the next step in the operational flow". */
    public LinkedAccount validate(AccountProfile profile, AccountNumber account, ModuleId requester, Instant now,
            AccountStatusLookup bank) {
        checks.checkIssuer(profile);                                       // 2020, 2022
        ProfileChecks.checkModule(profile, requester);
        if (!profile.bankId().equals(tellerBank)) {
            throw new ProfileRejectedException(ProfileRejection.WRONG_BANK, "profile for " + profile.bankId() + ", teller of " + tellerBank);
        }
        ProfileChecks.checkNotExpired(profile, now);
        LinkedAccount linked = profile.account(account).orElseThrow(() ->
                new ProfileRejectedException(ProfileRejection.ACCOUNT_NOT_LISTED, account.toString()));
        if (!bank.isActive(account)) {                                     // 2024-2030
            throw new ProfileRejectedException(ProfileRejection.ACCOUNT_INACTIVE, account.toString());
        }
        return linked;
    }
}
