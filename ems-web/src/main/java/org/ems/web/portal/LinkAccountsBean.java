package org.ems.web.portal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.ems.security.domain.ModuleId;

/**
 * The "Link accounts" page (figure 18): a module id, a bank and a subscriber in; the subscriber's
 * accounts at that bank to tick; the profile the CSM offers for them; the customer's confirmation
 * or refusal; the module's profiles after it. Every step is a Faces form post.
 */
@Named("linkAccounts")
@ViewScoped
public class LinkAccountsBean implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Longest bank code or subscriber name accepted from the form (TIGER_STYLE). */
    static final int MAX_TEXT = 100;

    @Inject AccountLinkFacade facade;

    private String moduleId;
    private String bank;
    private String subscriber;
    /** The customer the accounts were listed for; the later steps use these, not the (editable) fields. */
    private long chosenModule;
    private String chosenBank;
    private String chosenSubscriber;
    private List<AccountLink.Account> accounts;
    private List<String> selected = new ArrayList<>();
    private AccountLink.Offer offer;
    private List<AccountLink.Profile> profiles;

    public String getModuleId() {
        return moduleId;
    }

    public void setModuleId(String moduleId) {
        this.moduleId = moduleId == null ? null : moduleId.strip();
    }

    public String getBank() {
        return bank;
    }

    public void setBank(String bank) {
        this.bank = bank == null ? null : bank.strip();
    }

    public String getSubscriber() {
        return subscriber;
    }

    public void setSubscriber(String subscriber) {
        this.subscriber = subscriber == null ? null : subscriber.strip();
    }

    public List<String> getSelected() {
        return selected;
    }

    public void setSelected(List<String> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public List<AccountLink.Account> getAccounts() {
        return accounts;
    }

    public AccountLink.Offer getOffer() {
        return offer;
    }

    public List<AccountLink.Profile> getProfiles() {
        return profiles;
    }

    public long getChosenModule() {
        return chosenModule;
    }

    public String getChosenBank() {
        return chosenBank;
    }

    public String getChosenSubscriber() {
        return chosenSubscriber;
    }

    /** Step 1: the module's profiles and the subscriber's accounts at the bank. */
    public void listAccounts() {
        accounts = null;
        offer = null;
        profiles = null;
        selected = new ArrayList<>();
        ModuleId id;
        try {
            id = ModuleId.parse(moduleId == null ? "" : moduleId);
        } catch (IllegalArgumentException malformed) {
            message("Not a module id: enter the module's number (1 to 2^48-1).");
            return;
        }
        if (bank == null || bank.isEmpty() || bank.length() > MAX_TEXT || subscriber == null || subscriber.isEmpty()
                || subscriber.length() > MAX_TEXT) {
            message("Enter the bank code and the subscriber's name (up to " + MAX_TEXT + " characters each).");
            return;
        }
        try {
            List<AccountLink.Profile> held = facade.profiles(id.value());
            List<AccountLink.Account> found = facade.accounts(bank, subscriber);
            chosenModule = id.value();
            chosenBank = bank;
            chosenSubscriber = subscriber;
            profiles = held;
            accounts = found;
            if (found.isEmpty()) {
                message("The bank reports no account of " + subscriber + " at " + bank + ".");
            }
        } catch (AccountLink.Refused refused) {
            message(refused.getMessage());
        }
    }

    /** Step 2: the CSM signs a profile of the ticked accounts; the module checks it; nothing is stored yet. */
    public void offerProfile() {
        offer = null;
        if (accounts == null) {
            message("List the subscriber's accounts first.");
            return;
        }
        if (selected.isEmpty()) {
            message("Tick at least one account to link.");
            return;
        }
        try {
            offer = facade.offer(chosenModule, chosenBank, chosenSubscriber, List.copyOf(selected));
        } catch (AccountLink.Refused refused) {
            message(refused.getMessage());
        }
    }

    /** Step 3, yes: the module stores the profile. */
    public void confirm() {
        answer(true);
    }

    /** Step 3, no: nothing is stored. */
    public void decline() {
        answer(false);
    }

    private void answer(boolean confirmed) {
        if (offer == null) {
            message("There is no profile offer to answer.");
            return;
        }
        AccountLink.Offer answered = offer;
        offer = null;
        try {
            AccountLink.Profile stored = facade.answer(chosenModule, answered, confirmed);
            notice("Profile of " + stored.bank() + " stored for module " + stored.module() + ", valid until " + stored.expiresAt() + ".");
        } catch (AccountLink.Refused refused) {
            if (confirmed) {
                message(refused.getMessage());
            } else {
                notice(refused.getMessage());
            }
        }
        try {
            profiles = facade.profiles(chosenModule);
        } catch (AccountLink.Refused refused) {
            message(refused.getMessage());
        }
    }

    private static void message(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }

    private static void notice(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }
}
