package org.ems.csm.application;

import java.util.List;
import java.util.Optional;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.csm.domain.BankAccountRecord;

/**
 * What the CSM host and the tellers ask a bank's on-line system about its accounts (figure 18,
 * step 1934: the customer's accounts; figure 19, step 1998: are the listed accounts still active;
 * figure 20, steps 2024-2030: is this account active). Synchronous: each answer is used within
 * the caller's transaction. Implemented for the built-in bank host by
 * {@code org.ems.csm.infrastructure.BuiltInBankAccountDirectory}.
 */
public interface BankAccountDirectory {

    /** Bound on the accounts one subscriber holds at one bank, as reported. */
    int MAX_ACCOUNTS = 256;

    /** The customer accounts (DEPOSIT, LOAN) {@code subscriber} holds at {@code bank}, active or not, by number. */
    List<BankAccountRecord> accountsOf(BankId bank, String subscriber);

    /** One customer account, if the bank knows it. */
    Optional<BankAccountRecord> account(AccountNumber number);

    /** Figure 20's To Bank question: whether the account is active (a real bank: the gateway's IS_ACTIVE request). */
    boolean isActive(AccountNumber number);
}
