package org.ems.it.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The browser part of {@link PortalClaimsIT} (run as a client only: it is not deployed, so the test
 * class itself stays free of Selenium types inside the server). Screenshots {@code 20-} to {@code 30-}.
 */
final class ClaimsInBrowser {

    private static final String FAILED_COMMIT = "/portal/claim-failed-commit.xhtml";
    private static final String LOST_MODULE = "/portal/claim-lost-module.xhtml";
    private static final String CLAIMS = "/portal/claims.xhtml";
    private static final String REVALIDATE = "/portal/revalidate.xhtml";
    private static final String SIGN_IN = "/login.xhtml";

    private ClaimsInBrowser() {
    }

    /** Figure 22 (a): the payee's failed commit is listed with its amount, claimed, and followed on the claims page. */
    static void fileFailedCommitClaim(long payer, long payee, String payment) throws Exception {
        try (Browser browser = signedIn(FAILED_COMMIT)) {
            browser.screenshot("20-failed-commit-claim");

            // Refusals: no module id; a module without failed commits (the payer aborted and kept its notes).
            listFailedCommits(browser, "not-a-module");
            assertThat(browser.element("messages").getText()).contains("Not a module id");
            listFailedCommits(browser, Long.toString(payer));
            assertThat(browser.element("messages").getText()).contains("has no failed commits to claim");
            assertThat(browser.has("recordsPanel")).isFalse();

            listFailedCommits(browser, Long.toString(payee));
            assertThat(browser.element("recordsModule").getText()).isEqualTo(Long.toString(payee));
            assertThat(browser.element("select:records").getText()).contains(payment).contains("JPY " + PortalClaimsIT.PAID);
            browser.screenshot("21-failed-commits-listed");

            browser.click("select:file");
            assertThat(browser.element("messages").getText()).contains("Tick at least one");
            assertThat(browser.has("receiptPanel")).isFalse();

            browser.tick(payment);
            browser.click("select:file");
            String claimId = browser.element("receiptId").getText();
            assertThat(claimId).isNotBlank();
            assertThat(browser.element("receiptKind").getText()).isEqualTo("FAILED_COMMIT");
            assertThat(browser.element("receiptTotals").getText()).isEqualTo("JPY " + PortalClaimsIT.PAID);
            assertThat(browser.element("receiptItems").getText()).isEqualTo("1");
            assertThat(browser.has("recordsPanel")).as("the record is marked claimed").isFalse();
            assertThat(browser.element("claims").getText()).contains(claimId).contains("FILED");
            browser.screenshot("22-failed-commit-claim-filed");

            // Listed again: nothing left to claim.
            listFailedCommits(browser, Long.toString(payee));
            assertThat(browser.element("messages").getText()).contains("has no failed commits to claim");

            browser.open(CLAIMS);
            browser.type("byModule:moduleId", Long.toString(payee));
            browser.click("byModule:find");
            assertThat(browser.element("listed").getText()).isEqualTo("Claims of module " + payee);
            assertThat(browser.element("claims").getText()).contains(claimId).contains("FAILED_COMMIT").contains("FILED")
                    .contains(PortalClaimsIT.SUBSCRIBER);
            browser.screenshot("23-claims-of-module");

            browser.type("bySubscriber:subscriber", PortalClaimsIT.SUBSCRIBER);
            browser.click("bySubscriber:find");
            assertThat(browser.element("claims").getText()).contains(claimId);

            browser.type("byId:claimId", "not-a-claim-id");
            browser.click("byId:find");
            assertThat(browser.element("messages").getText()).contains("Refused");
            assertThat(browser.has("claimsPanel")).isFalse();
        }
    }

    /** Figure 22 (b): a tampered claim file is refused; the genuine one is filed and followed by its claim id. */
    static void uploadLostModuleClaim(Path claimFile, Path tampered) throws Exception {
        try (Browser browser = signedIn(LOST_MODULE)) {
            browser.screenshot("24-lost-module-claim");

            browser.click("upload:fileClaim");
            assertThat(browser.element("messages").getText()).contains("Enter the subscriber's name");
            browser.type("upload:subscriber", PortalClaimsIT.SUBSCRIBER);
            browser.click("upload:fileClaim");
            assertThat(browser.element("messages").getText()).contains("Choose the claim file");
            assertThat(browser.has("receiptPanel")).isFalse();

            browser.type("upload:subscriber", PortalClaimsIT.SUBSCRIBER);
            browser.upload("upload:file", tampered);
            browser.click("upload:fileClaim");
            assertThat(browser.element("messages").getText()).contains("Refused").contains("Nothing was filed");
            assertThat(browser.has("receiptPanel")).isFalse();
            browser.screenshot("25-lost-module-claim-tampered");

            browser.type("upload:subscriber", PortalClaimsIT.SUBSCRIBER);
            browser.upload("upload:file", claimFile);
            browser.click("upload:fileClaim");
            String claimId = browser.element("receiptId").getText();
            assertThat(claimId).isNotBlank();
            assertThat(browser.element("receiptKind").getText()).isEqualTo("LOST_MODULE");
            assertThat(browser.element("receiptTotals").getText()).isEqualTo("JPY " + PortalClaimsIT.WITHDRAWN);
            assertThat(browser.element("claims").getText()).contains(claimId).contains("LOST_MODULE");
            browser.screenshot("26-lost-module-claim-filed");

            browser.open(CLAIMS);
            browser.type("byId:claimId", claimId);
            browser.click("byId:find");
            assertThat(browser.element("claims").getText()).contains(claimId).contains("LOST_MODULE").contains("FILED")
                    .contains("JPY " + PortalClaimsIT.WITHDRAWN);
            browser.screenshot("27-claim-by-id");
        }
    }

    /**
     * Figure 19: the payer's profile of BANKA is renewed; a bank it has no profile of is refused, and
     * so is the profile of a module whose account the bank has closed.
     */
    static void revalidate(long module, long closedAccountModule) throws Exception {
        try (Browser browser = signedIn(REVALIDATE)) {
            browser.screenshot("28-revalidate");
            renew(browser, module, "BANKX");
            assertThat(browser.element("messages").getText()).contains("Refused").contains("not in the account profile");
            assertThat(browser.has("renewedPanel")).isFalse();

            renew(browser, closedAccountModule, "BANKA");
            assertThat(browser.element("messages").getText()).contains("Refused").contains("not active");
            assertThat(browser.has("renewedPanel")).isFalse();
            browser.screenshot("30-revalidate-closed-account");

            renew(browser, module, "BANKA");
            assertThat(browser.element("renewedModule").getText()).isEqualTo(Long.toString(module));
            assertThat(browser.element("renewedBank").getText()).isEqualTo("BANKA");
            assertThat(browser.element("renewedAccounts").getText()).isEqualTo(PortalClaimsIT.ACCOUNT);
            Instant issued = Instant.parse(browser.element("renewedIssued").getText());
            Instant before = Instant.parse(browser.element("beforeIssued").getText());
            assertThat(issued).as("a newer profile than the one it replaces").isAfter(before);
            assertThat(browser.element("messages").getText()).contains("renewed for module " + module);
            browser.screenshot("29-revalidated");
        }
    }

    private static Browser signedIn(String page) throws Exception {
        Browser browser = new Browser();
        try {
            browser.open(page);
            assertThat(browser.path()).as("an anonymous visitor is sent to the sign-in page").startsWith(SIGN_IN);
            browser.type("signIn:user", "csr");
            browser.type("signIn:password", "csr-dev-pw");
            browser.click("signIn:submit");
            browser.open(page);
            assertThat(browser.path()).startsWith(page);
            assertThat(browser.element("account:caller").getText()).isEqualTo("csr");
            return browser;
        } catch (RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }

    private static void listFailedCommits(Browser browser, String module) {
        browser.type("find:moduleId", module);
        browser.type("find:subscriber", PortalClaimsIT.SUBSCRIBER);
        browser.click("find:list");
    }

    private static void renew(Browser browser, long module, String bank) {
        browser.type("renew:moduleId", Long.toString(module));
        browser.type("renew:bank", bank);
        browser.click("renew:revalidate");
    }
}
