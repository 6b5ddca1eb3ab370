package org.ems.web.portal;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.List;
import java.util.function.Supplier;
import org.ems.csm.application.CsmHostService;
import org.ems.csm.application.CustomerServiceFacade;
import org.ems.csm.application.CustomerServiceFacade.BankAccountView;
import org.ems.csm.application.CustomerServiceFacade.ProfileView;
import org.ems.csm.domain.ProfileRejectedException;
import org.ems.csm.domain.ProfileRejection;

/**
 * The portal's side of linking bank accounts to a money module (figure 18), over the customer
 * service facade: the subscriber's accounts at a bank, the profile the CSM offers, the customer's
 * answer, the module's profiles; and revalidating a profile (figure 19). Only the {@code csr}
 * role may call it (checked here as well as by the page constraint). Every refusal comes back as
 * {@link AccountLink.Refused} with a sentence for the CSR; a refused step changes nothing (the
 * facade's transaction rolls back).
 */
@ApplicationScoped
public class AccountLinkFacade {

    @Inject CustomerServiceFacade customerService;
    @Inject CsmHostService csms;
    @Inject SecurityContext security;

    /** The module's profiles; refuses an id that is not a hosted transaction module. */
    public List<AccountLink.Profile> profiles(long moduleId) {
        requireCsr();
        return refusing(() -> customerService.findModule(moduleId).profiles().stream().map(AccountLinkFacade::profile).toList());
    }

    /** The subscriber's accounts at the bank, as the bank reports them (inactive ones too). */
    public List<AccountLink.Account> accounts(String bank, String subscriber) {
        requireCsr();
        return refusing(() -> customerService.subscriberAccounts(bank, subscriber).stream().map(AccountLinkFacade::account).toList());
    }

    /** The hosted CSM signs a profile of the selected accounts and the module checks it; nothing is stored yet. */
    public AccountLink.Offer offer(long moduleId, String bank, String subscriber, List<String> selected) {
        requireCsr();
        long csm = csms.csms().stream().findFirst()
                .orElseThrow(() -> new AccountLink.Refused("No customer service module is hosted here.")).id();
        return refusing(() -> {
            CustomerServiceFacade.ProfileOffer offer = customerService.linkAccounts(csm, moduleId, bank, subscriber, selected);
            return new AccountLink.Offer(profile(offer.profile()), offer.signedProfile());
        });
    }

    /** The customer's answer: a confirmed profile is stored; a declined one is not (reported as a refusal). */
    public AccountLink.Profile answer(long moduleId, AccountLink.Offer offer, boolean confirmed) {
        requireCsr();
        return refusing(() -> profile(customerService.answerProfileOffer(moduleId, offer.signedProfile(), confirmed,
                offer.profile().subscriber())));
    }

    /**
     * Figure 19: the module presents its profile of the bank; the CSM checks it and the bank's
     * accounts and signs a renewed one, which the module stores in place of the old. Refused (the
     * old profile stays): no profile of that bank, an account closed or no longer reported, the
     * module's or the CSM's checks.
     */
    public AccountLink.Profile revalidate(long moduleId, String bank) {
        requireCsr();
        long csm = csms.csms().stream().findFirst()
                .orElseThrow(() -> new AccountLink.Refused("No customer service module is hosted here.")).id();
        return refusing(() -> {
            customerService.findModule(moduleId);
            return profile(customerService.revalidate(csm, moduleId, bank));
        });
    }

    private void requireCsr() {
        if (!security.isCallerInRole("csr")) {
            throw new SecurityException("linking accounts is for customer service representatives");
        }
    }

    /** Runs a facade call; a refusal or bad input becomes a sentence for the CSR. */
    private static <T> T refusing(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProfileRejectedException rejected) {
            throw new AccountLink.Refused(refusal(rejected.reason(), rejected.getMessage()));
        } catch (IllegalArgumentException | EJBException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ProfileRejectedException rejected) {
                    throw new AccountLink.Refused(refusal(rejected.reason(), rejected.getMessage()));
                }
                if (t instanceof IllegalArgumentException bad) {
                    throw new AccountLink.Refused("Refused: " + bad.getMessage() + ".");
                }
            }
            throw e;
        }
    }

    static String refusal(ProfileRejection reason, String detail) {
        if (reason == ProfileRejection.CUSTOMER_DECLINED) {
            return "The customer declined the profile: nothing was stored.";
        }
        String text = reason.message();
        int open = detail == null ? -1 : detail.lastIndexOf(" (");
        String why = open >= 0 && detail.endsWith(")") ? detail.substring(open + 2, detail.length() - 1) : null;
        return "Refused: " + text + (why == null ? "" : " (" + why + ")") + ". Nothing was stored.";
    }

    private static AccountLink.Account account(BankAccountView view) {
        return new AccountLink.Account(view.number(), view.type(), view.active());
    }

    private static AccountLink.Profile profile(ProfileView view) {
        return new AccountLink.Profile(view.module(), view.bank(), view.csm(), view.subscriber(), view.issuedAt().toString(),
                view.expiresAt().toString(), view.accounts().stream().map(AccountLinkFacade::account).toList());
    }
}
