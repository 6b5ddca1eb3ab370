/** The built-in bank host: accounts, the append-only double-entry journal, the ledger that posts EMS withdrawals, deposits and bank-POS transfers, and the bank gateway's message contract. */
package org.ems.bank.domain;
