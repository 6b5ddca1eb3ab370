package org.ems.web.portal;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.List;
import java.util.function.Supplier;
import org.ems.csm.application.CsmHostService;
import org.ems.csm.application.CustomerServiceFacade;
import org.ems.csm.application.CustomerServiceFacade.ClaimReceipt;
import org.ems.csm.application.CustomerServiceFacade.ClaimView;
import org.ems.csm.application.CustomerServiceFacade.FailedCommitView;
import org.ems.csm.domain.ClaimRejectedException;
import org.ems.csm.domain.ClaimRejection;
import org.ems.money.domain.Money;

/**
 * The portal's side of lost-note claims (figures 21-22) and of following them at the MIIS, over
 * the customer service facade: a module's failed-commit records not claimed yet, filing a claim of
 * the chosen ones (the module still works, 22 a), filing the claim file of a lost or damaged
 * module (22 b), and a subscriber's or module's claims with their states. The hosted CSM that
 * files is the first of {@code CsmHostService.csms()}, as for linking. Only the {@code csr} role
 * may call it (checked here as well as by the page constraint). Every refusal comes back as
 * {@link Claims.Refused} with a sentence for the CSR; a refused claim files and marks nothing (the
 * facade's transaction rolls back).
 */
@ApplicationScoped
public class ClaimsFacade {

    @Inject CustomerServiceFacade customerService;
    @Inject CsmHostService csms;
    @Inject SecurityContext security;

    /** Figure 22, step 2082: the module's failed-commit records not claimed yet; refuses an id that is not a hosted transaction module. */
    public List<Claims.FailedCommit> reviewable(long moduleId) {
        requireCsr();
        return refusing(() -> {
            customerService.findModule(moduleId);
            return customerService.reviewableFailedCommits(moduleId).stream().map(ClaimsFacade::failedCommit).toList();
        });
    }

    /** Figure 22 (a): files a claim of the chosen records with the MIIS; the module marks them claimed. */
    public Claims.Receipt claimFailedCommits(long moduleId, String subscriber, List<String> records) {
        requireCsr();
        long csm = csm();
        return refusing(() -> receipt(customerService.claimFailedCommits(csm, moduleId, subscriber, List.copyOf(records))));
    }

    /** Figure 22 (b): the CSM checks the uploaded claim file of a lost or damaged module and files the claim with the MIIS. */
    public Claims.Receipt claimLostModule(byte[] claimFile, String subscriber) {
        requireCsr();
        long csm = csm();
        return refusing(() -> receipt(customerService.claimLostModule(csm, claimFile.clone(), subscriber)));
    }

    /** The subscriber's claims, with their states at the MIIS. */
    public List<Claims.Claim> claimsOf(String subscriber) {
        requireCsr();
        return refusing(() -> customerService.claimsOf(subscriber).stream().map(ClaimsFacade::claim).toList());
    }

    /** The module's claims, with their states at the MIIS. */
    public List<Claims.Claim> claimsOfModule(long moduleId) {
        requireCsr();
        return refusing(() -> customerService.claimsOfModule(moduleId).stream().map(ClaimsFacade::claim).toList());
    }

    /** One claim by its id; an unknown or malformed id is refused. */
    public Claims.Claim claim(String claimId) {
        requireCsr();
        return refusing(() -> claim(customerService.claim(claimId)));
    }

    private long csm() {
        return csms.csms().stream().findFirst()
                .orElseThrow(() -> new Claims.Refused("No customer service module is hosted here.")).id();
    }

    private void requireCsr() {
        if (!security.isCallerInRole("csr")) {
            throw new SecurityException("claims are for customer service representatives");
        }
    }

    /** Runs a facade call; a refusal or bad input becomes a sentence for the CSR. */
    static <T> T refusing(Supplier<T> call) {
        try {
            return call.get();
        } catch (ClaimRejectedException rejected) {
            throw new Claims.Refused(refusal(rejected.reason(), rejected.getMessage()));
        } catch (IllegalArgumentException | EJBException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ClaimRejectedException rejected) {
                    throw new Claims.Refused(refusal(rejected.reason(), rejected.getMessage()));
                }
                if (t instanceof IllegalArgumentException bad) {
                    throw new Claims.Refused("Refused: " + bad.getMessage() + ".");
                }
            }
            throw e;
        }
    }

    /** The sentence for a claim refusal: the reason, and the detail the CSM gave in parentheses. */
    static String refusal(ClaimRejection reason, String detail) {
        if (reason == ClaimRejection.NO_FAILED_COMMITS) {
            return "There are no failed commits to claim: nothing was filed.";
        }
        String text = reason.message();
        int open = detail == null ? -1 : detail.indexOf(" (");
        String why = open >= 0 && detail.endsWith(")") ? detail.substring(open + 2, detail.length() - 1) : null;
        return "Refused: " + text + (why == null || why.isBlank() ? "" : " (" + why + ")") + ". Nothing was filed.";
    }

    private static List<String> amounts(List<Money> amounts) {
        return amounts.stream().map(Money::toString).toList();
    }

    private static Claims.FailedCommit failedCommit(FailedCommitView view) {
        return new Claims.FailedCommit(view.record(), view.direction(), amounts(view.amounts()));
    }

    private static Claims.Receipt receipt(ClaimReceipt receipt) {
        return new Claims.Receipt(receipt.claimId(), receipt.kind(), receipt.filedAt().toString(), amounts(receipt.totals()),
                receipt.items());
    }

    private static Claims.Claim claim(ClaimView view) {
        return new Claims.Claim(view.claimId(), view.kind(), view.subscriber(), view.module(), view.csm(), view.filedAt().toString(),
                amounts(view.totals()), view.items(), view.state(), view.stateSince().toString(), view.remark());
    }
}
