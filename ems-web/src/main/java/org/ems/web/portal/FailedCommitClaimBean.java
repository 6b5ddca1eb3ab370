package org.ems.web.portal;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.ems.security.domain.ModuleId;

/**
 * The "Failed-commit claim" page (figure 22 a, the module still works): a module id and the
 * subscriber in; the module's failed-commit records not claimed yet, with their amounts, to tick;
 * the receipt of the filed claim (claim id, totals) and the module's claims after it. Every step
 * is a Faces form post; the later step uses the module and subscriber the records were listed
 * for, not the editable fields.
 */
@Named("failedCommitClaim")
@ViewScoped
public class FailedCommitClaimBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject ClaimsFacade facade;

    private String moduleId;
    private String subscriber;
    private long chosenModule;
    private String chosenSubscriber;
    private List<Claims.FailedCommit> reviewable;
    private List<String> selected = new ArrayList<>();
    private Claims.Receipt receipt;
    private List<Claims.Claim> claims;

    public String getModuleId() {
        return moduleId;
    }

    public void setModuleId(String moduleId) {
        this.moduleId = PortalMessages.strip(moduleId);
    }

    public String getSubscriber() {
        return subscriber;
    }

    public void setSubscriber(String subscriber) {
        this.subscriber = PortalMessages.strip(subscriber);
    }

    public List<String> getSelected() {
        return selected;
    }

    public void setSelected(List<String> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public List<Claims.FailedCommit> getReviewable() {
        return reviewable;
    }

    public Claims.Receipt getReceipt() {
        return receipt;
    }

    public List<Claims.Claim> getClaims() {
        return claims;
    }

    public long getChosenModule() {
        return chosenModule;
    }

    public String getChosenSubscriber() {
        return chosenSubscriber;
    }

    /** Step 1 (figure 22, step 2082): the module's failed-commit records not claimed yet. */
    public void listRecords() {
        reviewable = null;
        receipt = null;
        claims = null;
        selected = new ArrayList<>();
        ModuleId id = PortalMessages.moduleId(moduleId);
        if (id == null) {
            return;
        }
        if (!PortalMessages.filled(subscriber)) {
            PortalMessages.warn("Enter the subscriber's name (up to " + PortalMessages.MAX_TEXT + " characters).");
            return;
        }
        try {
            List<Claims.FailedCommit> found = facade.reviewable(id.value());
            chosenModule = id.value();
            chosenSubscriber = subscriber;
            if (found.isEmpty()) {
                PortalMessages.warn("Module " + id.value() + " has no failed commits to claim.");
                return;
            }
            reviewable = found;
        } catch (Claims.Refused refused) {
            PortalMessages.warn(refused.getMessage());
        }
    }

    /** Step 2 (figure 22 a): files a claim of the ticked records; the module marks them claimed. */
    public void fileClaim() {
        receipt = null;
        if (reviewable == null) {
            PortalMessages.warn("List the module's failed commits first.");
            return;
        }
        if (selected.isEmpty()) {
            PortalMessages.warn("Tick at least one failed-commit record to claim.");
            return;
        }
        try {
            receipt = facade.claimFailedCommits(chosenModule, chosenSubscriber, List.copyOf(selected));
            PortalMessages.notice("Claim " + receipt.claimId() + " filed for module " + chosenModule + ".");
            List<Claims.FailedCommit> left = facade.reviewable(chosenModule);
            reviewable = left.isEmpty() ? null : left;
            selected = new ArrayList<>();
            claims = facade.claimsOfModule(chosenModule);
        } catch (Claims.Refused refused) {
            PortalMessages.warn(refused.getMessage());
        }
    }
}
