package org.ems.csm.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ems.bank.domain.AccountNumber;
import org.ems.csm.domain.AccountNumberValidation;
import org.ems.csm.domain.AccountProfile;
import org.ems.csm.domain.ProfileRejectedException;
import org.ems.csm.domain.ProfileRejection;
import org.ems.money.teller.AccountAuthorization;
import org.ems.money.teller.TellerDesk;
import org.ems.money.teller.TellerRepository;
import org.ems.network.domain.HostedModule;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * Validate Account Number (figure 20) for the tellers hosted here: the teller of the account's
 * bank checks, with its own trusted lists and time, the module's stored profile of that bank
 * ({@link AccountNumberValidation}: Cert(CSM), sigma_csm, module, bank, expiry, account listed),
 * then asks the bank whether the account is active. A module without a profile of the bank:
 * ACCOUNT_NOT_LISTED. A bank without a teller here: IllegalArgumentException, as the teller says.
 */
@ApplicationScoped
public class AccountValidationService implements AccountAuthorization {

    @Inject TellerRepository tellers;
    @Inject CsmParties parties;
    @Inject CsmRepository repository;
    @Inject BankAccountDirectory directory;

    @Override
    public void authorize(ModuleId module, AccountNumber account) {
        TellerDesk desk = tellers.desk(account.bank())
                .orElseThrow(() -> new IllegalArgumentException("bank " + account.bank() + " has no EMS teller here"));
        HostedModule teller = parties.hosted(desk.teller(), ModuleRole.TELLER);
        AccountProfile profile = repository.profile(module, account.bank()).map(StoredProfile::profile)
                .orElseThrow(() -> new ProfileRejectedException(ProfileRejection.ACCOUNT_NOT_LISTED,
                        "module " + module + " has no account profile for " + account.bank()));
        new AccountNumberValidation(parties.checks(teller), desk.bank())
                .validate(profile, account, module, parties.now(teller), directory::isActive);
    }
}
