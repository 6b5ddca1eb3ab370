/** Money (integer minor units of an ISO 4217 currency), exchange rates, and the patent's electronic notes: structure, transfer, verification (figure 8) and the choice of notes for a payment. */
package org.ems.money.domain;
