package org.ems.it.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
 * The CSR portal in a real browser (headless Chromium): form sign-in, the module lookup over the
 * demo network, sign-out; and what the portal refuses: the wrong people (an administrator at the
 * portal, a CSR at Admin Center), forged and stale form posts, and a portal cookie at the API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalIT {

    private static final String LOOKUP = "/portal/lookup.xhtml";
    private static final String SIGN_IN = "/login.xhtml";
    private static final String SESSION_COOKIE = "JSESSIONID";

    private final PortalHttp http = new PortalHttp();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return EmsDeployments.product();
    }

    @Test
    void aCsrSignsInLooksUpADemoTellerAndSignsOut() throws Exception {
        long teller = demoTeller();
        try (Browser browser = new Browser()) {
            browser.open(LOOKUP);
            assertThat(browser.path()).as("an anonymous visitor is sent to the sign-in page").startsWith(SIGN_IN);
            browser.screenshot("01-sign-in");
            String before = browser.cookie(SESSION_COOKIE);

            signIn(browser, "csr", "csr-dev-pw");
            assertThat(browser.path()).startsWith(LOOKUP);
            assertThat(browser.element("account:caller").getText()).isEqualTo("csr");
            assertThat(browser.cookie(SESSION_COOKIE)).as("a new session id at sign-in").isNotNull().isNotEqualTo(before);
            browser.screenshot("02-module-lookup");

            browser.type("lookup:moduleId", "not-a-number");
            browser.click("lookup:find");
            assertThat(browser.text()).contains("Not a module id");
            assertThat(browser.has("resultId")).isFalse();

            browser.type("lookup:moduleId", Long.toString(teller));
            browser.click("lookup:find");
            assertThat(browser.element("resultId").getText()).isEqualTo(Long.toString(teller));
            assertThat(browser.element("role").getText()).isEqualTo("TELLER");
            assertThat(browser.element("signOn").getText()).isIn("signed on", "not signed on");
            assertThat(browser.text()).contains("Balances").contains("Notes").contains("network server ns-1");
            browser.screenshot("03-teller-found");
            Map<String, String> signedInCookies = browser.cookies();

            browser.click("account:signOut");
            assertThat(browser.path()).startsWith(SIGN_IN);
            assertThat(browser.text()).contains("You are signed out");
            browser.screenshot("04-signed-out");

            browser.open(LOOKUP);
            assertThat(browser.path()).as("the portal after sign-out").startsWith(SIGN_IN);
            // The old session is gone on the server too: its cookies open nothing.
            HttpResponse<String> replay = http.get(LOOKUP, signedInCookies);
            assertThat(replay.statusCode()).isEqualTo(302);
            assertThat(replay.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains(SIGN_IN));
        }
    }

    @Test
    void theWrongPeopleForgedFormsAndPortalCookiesAtTheApiAreRefused() throws Exception {
        try (Browser browser = new Browser()) {
            // Admin Center's identities are refused at the portal, and a wrong password too.
            browser.open(SIGN_IN);
            signIn(browser, "admin", "admin-dev-pw");
            assertThat(browser.path()).startsWith(SIGN_IN);
            assertThat(browser.text()).contains("for customer service representatives only");
            browser.screenshot("05-admin-refused");
            browser.open(LOOKUP);
            assertThat(browser.path()).startsWith(SIGN_IN);
            signIn(browser, "ops", "ops-dev-pw");
            assertThat(browser.text()).contains("for customer service representatives only");
            signIn(browser, "csr", "wrong-password");
            assertThat(browser.text()).contains("wrong user name or password");
            browser.open(LOOKUP);
            assertThat(browser.path()).startsWith(SIGN_IN);

            signIn(browser, "csr", "csr-dev-pw");
            assertThat(browser.path()).startsWith(LOOKUP);
            // What a cross-site request would carry: every cookie of the signed-in browser.
            Map<String, String> stolen = browser.cookies();
            String viewState = browser.viewState();

            // A cross-site POST of the sign-out form without a view state: not a postback, nothing runs.
            HttpResponse<String> noViewState = http.postForm(LOOKUP, stolen,
                    PortalHttp.form("account", "account", "account:signOut", "Sign out"));
            assertThat(noViewState.statusCode()).isEqualTo(200);
            assertSignedIn(browser);
            // With a forged view state: refused.
            HttpResponse<String> forged = http.postForm(LOOKUP, stolen,
                    PortalHttp.form("account", "account", "account:signOut", "Sign out", "jakarta.faces.ViewState", "1234:5678"));
            assertThat(forged.statusCode()).isEqualTo(403);
            assertSignedIn(browser);

            // A view state of an earlier session (stale after sign-out and a new sign-in): refused.
            browser.click("account:signOut");
            signIn(browser, "csr", "csr-dev-pw");
            Map<String, String> current = browser.cookies();
            HttpResponse<String> stale = http.postForm(LOOKUP, current,
                    PortalHttp.form("account", "account", "account:signOut", "Sign out", "jakarta.faces.ViewState", viewState));
            assertThat(stale.statusCode()).isEqualTo(403);
            assertSignedIn(browser);

            // The portal's cookies never authenticate an API call (the API wants Basic).
            assertThat(http.get("/api/money/desks", current).statusCode()).isEqualTo(401);
        }

        // A sign-in posted without the form's view state signs nobody in.
        HttpResponse<String> blindSignIn = http.postForm(SIGN_IN, Map.of(),
                PortalHttp.form("signIn", "signIn", "signIn:user", "csr", "signIn:password", "csr-dev-pw", "signIn:submit", "Sign in"));
        assertThat(blindSignIn.statusCode()).as("the sign-in page shown again, nothing run").isEqualTo(200);
        String cookie = sessionCookieValue(blindSignIn);
        assertThat(cookie).as("the page rendered into a new session").isNotNull();
        assertThat(http.get(LOOKUP, PortalHttp.cookie(SESSION_COOKIE, cookie)).statusCode()).isEqualTo(302);

        // A CSR is refused at Admin Center.
        assertThat(adminCenterAs("csr", "csr-dev-pw")).isEqualTo(403);
    }

    @Test
    void portalPagesCarrySecurityHeadersAndStrictSessionCookies() throws Exception {
        HttpResponse<String> page = http.get(SIGN_IN, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        String setCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + page.headers().map()));
        assertThat(setCookie).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(http.get(LOOKUP, PortalHttp.basic("csr", "csr-dev-pw")).statusCode())
                .as("Basic credentials never open the portal").isEqualTo(302);
    }

    private static void signIn(Browser browser, String user, String password) {
        if (!browser.path().startsWith(SIGN_IN)) {
            browser.open(SIGN_IN);
        }
        browser.type("signIn:user", user);
        browser.type("signIn:password", password);
        browser.click("signIn:submit");
    }

    private static void assertSignedIn(Browser browser) {
        browser.open(LOOKUP);
        assertThat(browser.path()).as("still signed in: the forged post changed nothing").startsWith(LOOKUP);
        assertThat(browser.element("account:caller").getText()).isEqualTo("csr");
    }

    /** A teller of the demo network's banks, as operators see the desks over the API. */
    private long demoTeller() throws Exception {
        HttpResponse<String> desks = http.get("/api/money/desks", PortalHttp.basic("ops", "ops-dev-pw"));
        assertThat(desks.statusCode()).isEqualTo(200);
        Matcher teller = Pattern.compile("\"teller\"\\s*:\\s*(\\d+)").matcher(desks.body());
        assertThat(teller.find()).as("a desk with a teller in " + desks.body()).isTrue();
        return Long.parseLong(teller.group(1));
    }

    /** Signs in to Admin Center with its form and returns the status of the Admin Center page. */
    private int adminCenterAs(String user, String password) throws Exception {
        HttpResponse<String> first = http.get("/adminCenter/", Map.of());
        String session = sessionCookieValue(first);
        HttpResponse<String> login = http.postForm("/adminCenter/j_security_check",
                session == null ? Map.of() : PortalHttp.cookie(SESSION_COOKIE, session),
                PortalHttp.form("j_username", user, "j_password", password));
        assertThat(login.statusCode()).as("Admin Center's form login answer").isIn(302, 303);
        String ltpa = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("LtpaToken2="))
                .map(c -> c.substring("LtpaToken2=".length(), c.indexOf(';'))).findFirst().orElse(null);
        assertThat(ltpa).as("an SSO token for the signed-in user").isNotNull();
        return http.get("/adminCenter/", PortalHttp.cookie("LtpaToken2", ltpa)).statusCode();
    }

    private static String sessionCookieValue(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .map(c -> c.substring(SESSION_COOKIE.length() + 1, c.contains(";") ? c.indexOf(';') : c.length()))
                .findFirst().orElse(null);
    }
}
