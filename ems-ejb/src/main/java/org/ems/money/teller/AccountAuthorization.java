package org.ems.money.teller;

import org.ems.bank.domain.AccountNumber;
import org.ems.security.domain.ModuleId;

/**
 * Validate Account Number (figure 20) as the teller needs it: before a withdrawal or deposit, the
 * module must hold a valid account profile listing the account, and the bank must report the
 * account active. A port of the teller, so the teller depends on no customer-service code; the
 * customer service host implements it ({@code org.ems.csm.application.AccountValidationService}).
 */
public interface AccountAuthorization {

    /**
     * Returns normally when {@code module} may use {@code account}; otherwise throws (a refusal of
     * the profile is an application exception that rolls back the caller's transaction).
     */
    void authorize(ModuleId module, AccountNumber account);
}
