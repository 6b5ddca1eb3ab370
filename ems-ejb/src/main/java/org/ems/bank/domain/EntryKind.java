package org.ems.bank.domain;

/** Why a journal entry was posted. */
public enum EntryKind {
    /** A customer withdraws electronic money: debit the customer, credit the EMS clearing account. */
    WITHDRAWAL_TO_EMS,
    /** A customer deposits electronic money: debit the EMS clearing account, credit the customer. */
    DEPOSIT_FROM_EMS,
    /** A bank-POS sale (JP H9-147043): debit the buyer, credit the terminal's merchant account. */
    POS_TRANSFER,
    /** The exact opposite of an earlier entry; history is never edited. */
    REVERSAL,
    /** Funds an account from the bank's own (internal) account. */
    OPENING_BALANCE
}
