package org.ems.web.portal;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.ems.security.domain.ModuleId;

/**
 * The "Follow claims" page: a subscriber's or a module's claims, or one claim by its id, with
 * their states at the MIIS (filed, under investigation, paid, rejected with its remark).
 */
@Named("followClaims")
@ViewScoped
public class FollowClaimsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject ClaimsFacade facade;

    private String subscriber;
    private String moduleId;
    private String claimId;
    /** What the list shows ("Claims of subscriber Demo customer", "Claims of module 42", "Claim ..."), null before a search. */
    private String listed;
    private List<Claims.Claim> claims;

    public String getSubscriber() {
        return subscriber;
    }

    public void setSubscriber(String subscriber) {
        this.subscriber = PortalMessages.strip(subscriber);
    }

    public String getModuleId() {
        return moduleId;
    }

    public void setModuleId(String moduleId) {
        this.moduleId = PortalMessages.strip(moduleId);
    }

    public String getClaimId() {
        return claimId;
    }

    public void setClaimId(String claimId) {
        this.claimId = PortalMessages.strip(claimId);
    }

    public String getListed() {
        return listed;
    }

    public List<Claims.Claim> getClaims() {
        return claims;
    }

    /** The subscriber's claims. */
    public void ofSubscriber() {
        clear();
        if (!PortalMessages.filled(subscriber)) {
            PortalMessages.warn("Enter the subscriber's name (up to " + PortalMessages.MAX_TEXT + " characters).");
            return;
        }
        show("Claims of subscriber " + subscriber, () -> facade.claimsOf(subscriber));
    }

    /** The module's claims. */
    public void ofModule() {
        clear();
        ModuleId id = PortalMessages.moduleId(moduleId);
        if (id != null) {
            show("Claims of module " + id.value(), () -> facade.claimsOfModule(id.value()));
        }
    }

    /** One claim by its id. */
    public void byId() {
        clear();
        if (!PortalMessages.filled(claimId)) {
            PortalMessages.warn("Enter the claim id (up to " + PortalMessages.MAX_TEXT + " characters).");
            return;
        }
        show("Claim " + claimId, () -> List.of(facade.claim(claimId)));
    }

    private void clear() {
        listed = null;
        claims = null;
    }

    private void show(String what, java.util.function.Supplier<List<Claims.Claim>> search) {
        try {
            claims = search.get();
            listed = what;
        } catch (Claims.Refused refused) {
            PortalMessages.warn(refused.getMessage());
        }
    }
}
