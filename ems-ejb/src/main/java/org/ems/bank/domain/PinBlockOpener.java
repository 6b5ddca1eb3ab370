package org.ems.bank.domain;

/**
 * Port: opens the sealed PIN block of a POS request (the sealing scheme, e.g. ECIES to the bank's
 * key with the correlation id as additional data, is the integrator's). Returns the PIN digits,
 * which the caller clears after use, or null if the block does not open: a block that does not
 * open is a wrong PIN, never an error that could tell a prober more.
 */
public interface PinBlockOpener {

    char[] open(byte[] pinBlock, java.util.UUID correlationId);
}
