package org.ems.bank.domain;

/**
 * What an account is for. DEPOSIT and LOAN belong to customers; INTERNAL accounts are the bank's
 * own (e.g. the EMS clearing account that backs the electronic money its money generator and
 * tellers issue, or the capital account that funds opening balances) and have no credit limit.
 */
public enum AccountKind {
    DEPOSIT,
    LOAN,
    INTERNAL
}
