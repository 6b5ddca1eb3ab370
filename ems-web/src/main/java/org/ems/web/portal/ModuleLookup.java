package org.ems.web.portal;

import java.util.List;

/**
 * What a CSR sees of a money module: its role and sign-on state, what it holds per currency and
 * the notes behind that. Plain values for the page (no entities, no domain objects); amounts are
 * shown in major units with their currency ("JPY 5000", "USD 12.50").
 */
public record ModuleLookup(long id, String role, boolean signedOn, String networkServer, int keyLengthBits,
                           String certificateExpiresAt, List<Balance> balances, List<HeldNoteLine> notes) {

    public ModuleLookup {
        balances = List.copyOf(balances);
        notes = List.copyOf(notes);
    }

    /** The value held in one currency. */
    public record Balance(String currency, long amountMinor, String shown) {
    }

    /** One note the module holds: what is left of it, its issuing bank, its transfers so far. */
    public record HeldNoteLine(String noteId, String issuingBank, String remaining, int transfers, String expiresAt) {
    }
}
