package org.ems.web.portal;

import java.io.Serializable;
import java.util.List;

/**
 * What the "Link accounts" page shows: a subscriber's accounts at a bank, a profile offered or
 * stored for a money module. Plain values (no entities, no domain objects); the bean-style getters
 * are for Expression Language 5.0 (Faces 4.0), which does not read record components.
 */
public final class AccountLink {

    private AccountLink() {
    }

    /** An account as the bank reports it for the subscriber. */
    public record Account(String number, String type, boolean active) implements Serializable {

        public String getNumber() {
            return number;
        }

        public String getType() {
            return type;
        }

        public boolean isActive() {
            return active;
        }
    }

    /** A module's profile of one bank: the linked accounts and how long the profile is valid. */
    public record Profile(long module, String bank, long csm, String subscriber, String issuedAt, String expiresAt,
                          List<Account> accounts) implements Serializable {

        public Profile {
            accounts = List.copyOf(accounts);
        }

        public long getModule() {
            return module;
        }

        public String getBank() {
            return bank;
        }

        public long getCsm() {
            return csm;
        }

        public String getSubscriber() {
            return subscriber;
        }

        public String getIssuedAt() {
            return issuedAt;
        }

        public String getExpiresAt() {
            return expiresAt;
        }

        public List<Account> getAccounts() {
            return accounts;
        }

        /** The account numbers, comma-separated, for a one-line listing. */
        public String getAccountNumbers() {
            return String.join(", ", accounts.stream().map(Account::number).toList());
        }
    }

    /**
     * A profile the CSM signed and the module checked, for the customer to confirm or decline:
     * the view to show and the signed bytes to send back with the answer (they stay on the server,
     * in the page's view-scoped bean; server-side state saving).
     */
    public record Offer(Profile profile, byte[] signedProfile) implements Serializable {

        public Offer {
            signedProfile = signedProfile.clone();
        }

        @Override
        public byte[] signedProfile() {
            return signedProfile.clone();
        }

        public Profile getProfile() {
            return profile;
        }
    }

    /** A refusal the CSR is told about (an inactive or unknown account, a module that is not a transaction module, ...); nothing was stored. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }
}
