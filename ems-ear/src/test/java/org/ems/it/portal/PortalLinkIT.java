package org.ems.it.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ems.it.EmsDeployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The portal's "Link accounts" page in a real browser (figure 18): a CSR links the demo account of
 * "Demo customer" at BANKA to a freshly opened, signed-on transaction module. The customer first
 * declines the offered profile (nothing is stored, checked over the API), then confirms it (the
 * profile is listed on the page and stored, checked over the API as csr). Refusals are messages:
 * a module id that is not a hosted transaction module, an offer with no account ticked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalLinkIT {

    private static final String LINK = "/portal/link.xhtml";
    private static final String SIGN_IN = "/login.xhtml";
    private static final String DEMO_ACCOUNT = "BANKA-1-100";
    private static final String DEMO_SUBSCRIBER = "Demo customer";
    private static final Map<String, String> OPS = PortalHttp.basic("ops", "ops-dev-pw");
    private static final Map<String, String> CSR = PortalHttp.basic("csr", "csr-dev-pw");
    private static final Duration SIGN_ON_TIMEOUT = Duration.ofSeconds(60);

    private final PortalHttp http = new PortalHttp();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return EmsDeployments.product();
    }

    @Test
    void aCsrLinksTheDemoAccountToANewModuleTheCustomerDeclinesThenConfirms() throws Exception {
        long module = signedOnTransactionModule();
        try (Browser browser = new Browser()) {
            browser.open(LINK);
            assertThat(browser.path()).as("an anonymous visitor is sent to the sign-in page").startsWith(SIGN_IN);
            browser.type("signIn:user", "csr");
            browser.type("signIn:password", "csr-dev-pw");
            browser.click("signIn:submit");
            browser.open(LINK);
            assertThat(browser.path()).startsWith(LINK);
            assertThat(browser.element("account:caller").getText()).isEqualTo("csr");
            browser.screenshot("10-link-accounts");

            // A refusal: module id 1 is no hosted transaction module; nothing is listed.
            find(browser, "1");
            assertThat(browser.element("messages").getText()).contains("Refused");
            assertThat(browser.has("accountsPanel")).isFalse();

            find(browser, Long.toString(module));
            assertThat(browser.element("forSubscriber").getText()).isEqualTo(DEMO_SUBSCRIBER);
            assertThat(browser.element("forBank").getText()).isEqualTo("BANKA");
            assertThat(browser.text()).contains(DEMO_ACCOUNT).contains("The module has no account profile.");
            browser.screenshot("11-link-subscriber-accounts");

            // Nothing ticked: told so, no offer.
            browser.click("select:offer");
            assertThat(browser.element("messages").getText()).contains("Tick at least one account");
            assertThat(browser.has("offerPanel")).isFalse();

            // The customer declines: nothing stored.
            browser.tick(DEMO_ACCOUNT);
            browser.click("select:offer");
            assertOffered(browser, module);
            browser.screenshot("12-link-profile-offered");
            browser.click("answer:decline");
            assertThat(browser.element("messages").getText()).contains("declined").contains("nothing was stored");
            assertThat(browser.has("offerPanel")).isFalse();
            assertThat(browser.has("noProfiles")).isTrue();
            browser.screenshot("13-link-declined");
            assertThat(storedProfiles(module)).as("a decline stores nothing").isEqualTo("[]");

            // Offered again, the customer confirms: stored and listed.
            browser.tick(DEMO_ACCOUNT);
            browser.click("select:offer");
            assertOffered(browser, module);
            browser.click("answer:confirm");
            assertThat(browser.element("messages").getText()).contains("stored for module " + module);
            assertThat(browser.element("profiles").getText()).contains("BANKA").contains(DEMO_SUBSCRIBER).contains(DEMO_ACCOUNT);
            browser.screenshot("14-link-confirmed");
            assertThat(storedProfiles(module)).contains("\"bank\":\"BANKA\"").contains(DEMO_ACCOUNT)
                    .contains("\"subscriber\":\"" + DEMO_SUBSCRIBER + "\"");
        }
    }

    private static void find(Browser browser, String module) {
        browser.type("find:moduleId", module);
        browser.type("find:bank", "BANKA");
        browser.type("find:subscriber", DEMO_SUBSCRIBER);
        browser.click("find:list");
    }

    private static void assertOffered(Browser browser, long module) {
        assertThat(browser.element("offerModule").getText()).isEqualTo(Long.toString(module));
        assertThat(browser.element("offerBank").getText()).isEqualTo("BANKA");
        assertThat(browser.element("offerAccounts").getText()).isEqualTo(DEMO_ACCOUNT);
        assertThat(browser.element("offerExpires").getText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    /** The module's stored profiles, as a CSR reads them over the API. */
    private String storedProfiles(long module) throws Exception {
        HttpResponse<String> profiles = http.get("/api/customer-service/modules/" + module + "/profiles", CSR);
        assertThat(profiles.statusCode()).as(profiles.body()).isEqualTo(200);
        return profiles.body().strip();
    }

    /** A new transaction module, opened and signed on by an operator over the API. */
    private long signedOnTransactionModule() throws Exception {
        HttpResponse<String> servers = http.get("/api/security/security-servers", OPS);
        assertThat(servers.statusCode()).as(servers.body()).isEqualTo(200);
        long securityServer = longField(servers.body(), "id");
        HttpResponse<String> opened = http.postJson("/api/network/modules", OPS,
                "{\"role\":\"TRANSACTION\",\"securityServerId\":" + securityServer + ",\"networkServer\":\"ns-1\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long module = longField(opened.body(), "id");
        HttpResponse<String> signOn = http.postJson("/api/network/modules/" + module + "/sign-ons", OPS, "{}");
        assertThat(signOn.statusCode()).as(signOn.body()).isBetween(200, 299);
        long deadline = System.nanoTime() + SIGN_ON_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> view = http.get("/api/network/modules/" + module, OPS);
            if (view.statusCode() == 200 && view.body().replace(" ", "").contains("\"signedOn\":true")) {
                return module;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("module " + module + " did not sign on within " + SIGN_ON_TIMEOUT + ": " + view.body());
            }
            Thread.sleep(200);
        }
    }

    private static long longField(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        assertThat(m.find()).as("a numeric " + field + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }
}
