package org.ems.csm.domain;

import java.time.Instant;
import java.util.Objects;
import org.ems.security.domain.ModuleId;

/**
 * The money module's side of linking (figure 18) and revalidating (figure 19), as pure steps:
 * check what the CSM sent, let the customer affirm it, store it.
 */
public final class ProfileLink {

    private ProfileLink() {
    }

    /**
     * Figure 18, steps 1958-1966: Maintain Security and Public Key check the offered profile
     * ({@link ProfileChecks#checkOffered}: Cert(CSM) valid and not bad-listed, sigma_csm, this
     * module's id, not expired). The result waits for the customer's answer; nothing is stored yet.
     */
    public static Proposal offer(AccountProfile offered, ModuleId self, ProfileChecks checks, Instant now) {
        checks.checkOffered(offered, self, now);
        return new Proposal(offered);
    }

    /**
     * Figure 19, steps 2012-2016: the renewed profile from the CSM is checked as an offered one and
     * replaces the stored profile of its bank (no customer review in this flow).
     */
    public static AccountProfiles acceptRevalidated(AccountProfiles current, AccountProfile renewed, ProfileChecks checks, Instant now) {
        checks.checkOffered(renewed, current.owner(), now);
        return current.store(renewed);
    }

    /** A checked profile shown to the customer ("To Subscriber B sends the profile to the host in order for the customer to verify"). */
    public record Proposal(AccountProfile profile) {

        public Proposal {
            Objects.requireNonNull(profile, "profile");
        }

        /**
         * The customer's answer. Affirmed: steps 1968-1974, the profile (with its Cert(CSM)) added
         * to {@code current}, replacing the older one of its bank. Declined: the transaction is
         * aborted (CUSTOMER_DECLINED) and nothing is stored.
         */
        public AccountProfiles decide(boolean affirmed, AccountProfiles current) {
            if (!affirmed) {
                throw new ProfileRejectedException(ProfileRejection.CUSTOMER_DECLINED, "profile for bank " + profile.bankId());
            }
            return current.store(profile);
        }
    }
}
