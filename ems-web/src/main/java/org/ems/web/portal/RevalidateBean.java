package org.ems.web.portal;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ems.security.domain.ModuleId;

/**
 * The "Revalidate" page (figure 19): a module id and a bank in; the module's profile of that bank
 * before, and the renewed profile the CSM signed and the module stored. A refusal (no profile of
 * the bank, an account closed since, ...) is a message and the old profile stays.
 */
@Named("revalidate")
@ViewScoped
public class RevalidateBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject AccountLinkFacade facade;

    private String moduleId;
    private String bank;
    private AccountLink.Profile before;
    private AccountLink.Profile renewed;

    public String getModuleId() {
        return moduleId;
    }

    public void setModuleId(String moduleId) {
        this.moduleId = PortalMessages.strip(moduleId);
    }

    public String getBank() {
        return bank;
    }

    public void setBank(String bank) {
        this.bank = PortalMessages.strip(bank);
    }

    public AccountLink.Profile getBefore() {
        return before;
    }

    public AccountLink.Profile getRenewed() {
        return renewed;
    }

    /** Renews the module's profile of the bank; shows the old and the new one. */
    public void renew() {
        before = null;
        renewed = null;
        ModuleId id = PortalMessages.moduleId(moduleId);
        if (id == null) {
            return;
        }
        if (!PortalMessages.filled(bank)) {
            PortalMessages.warn("Enter the bank code (up to " + PortalMessages.MAX_TEXT + " characters).");
            return;
        }
        try {
            AccountLink.Profile old = facade.profiles(id.value()).stream().filter(p -> p.bank().equals(bank)).findFirst().orElse(null);
            renewed = facade.revalidate(id.value(), bank);
            before = old;
            PortalMessages.notice("Profile of " + renewed.bank() + " renewed for module " + renewed.module() + ", valid until "
                    + renewed.expiresAt() + ".");
        } catch (AccountLink.Refused refused) {
            PortalMessages.warn(refused.getMessage());
        }
    }
}
