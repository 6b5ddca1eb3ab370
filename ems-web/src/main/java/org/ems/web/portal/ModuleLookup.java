package org.ems.web.portal;

import java.util.List;

/**
 * What a CSR sees of a money module: its role and sign-on state, what it holds per currency and
 * the notes behind that. Plain values for the page (no entities, no domain objects); amounts are
 * shown in major units with their currency ("JPY 5000", "USD 12.50"). The bean-style getters are
 * for Expression Language 5.0 (Faces 4.0), which does not read record components.
 */
public record ModuleLookup(long id, String role, boolean signedOn, String networkServer, int keyLengthBits,
                           String certificateExpiresAt, List<Balance> balances, List<HeldNoteLine> notes) {

    public ModuleLookup {
        balances = List.copyOf(balances);
        notes = List.copyOf(notes);
    }

    public long getId() {
        return id;
    }

    public String getRole() {
        return role;
    }

    public boolean isSignedOn() {
        return signedOn;
    }

    public String getNetworkServer() {
        return networkServer;
    }

    public int getKeyLengthBits() {
        return keyLengthBits;
    }

    public String getCertificateExpiresAt() {
        return certificateExpiresAt;
    }

    public List<Balance> getBalances() {
        return balances;
    }

    public List<HeldNoteLine> getNotes() {
        return notes;
    }

    /** The value held in one currency. */
    public record Balance(String currency, long amountMinor, String shown) {

        public String getCurrency() {
            return currency;
        }

        public long getAmountMinor() {
            return amountMinor;
        }

        public String getShown() {
            return shown;
        }
    }

    /** One note the module holds: what is left of it, its issuing bank, its transfers so far. */
    public record HeldNoteLine(String noteId, String issuingBank, String remaining, int transfers, String expiresAt) {

        public String getNoteId() {
            return noteId;
        }

        public String getIssuingBank() {
            return issuingBank;
        }

        public String getRemaining() {
            return remaining;
        }

        public int getTransfers() {
            return transfers;
        }

        public String getExpiresAt() {
            return expiresAt;
        }
    }
}
