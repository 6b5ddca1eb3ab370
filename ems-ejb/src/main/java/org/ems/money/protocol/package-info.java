/**
 * Paying notes between two money modules inside an established session: Transfer Notes
 * (figure 8), Commit (figure 10) and Abort (figure 11) of the patent, as pure parties
 * ({@link org.ems.money.protocol.Payer}, {@link org.ems.money.protocol.Payee}): each step is
 * {@code (context, state, message) -> PaymentStep(state, outgoing, outcome)}, plus
 * {@code onTimeout}. The payee sends Ready-to-Commit, so the payer (the transferor) commits first
 * and the payee last (DESIGN.md invariant 2); a payee that gives up after sending Ready-to-Commit
 * logs a failed commit with the ids and amounts of the notes it should have received.
 * {@link org.ems.money.protocol.FxParty} runs a foreign exchange (figure 9): two such transfers,
 * committed one after the other in the order {@link org.ems.money.protocol.FxCommitOrder} derives
 * from R(A) XOR R(B). {@link org.ems.money.protocol.SettleFxParty} runs Settle Foreign Exchange
 * (figure 27) for settlement agents: amounts by type of note and currency each way, confirmed by
 * each side's host ({@link org.ems.money.protocol.SettlementPrompt}), or a one-way payment.
 */
package org.ems.money.protocol;
