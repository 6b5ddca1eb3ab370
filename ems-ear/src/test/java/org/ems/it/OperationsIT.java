package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployed product seen from outside, as operators, administrators and CSRs see it: health,
 * Admin Center, and the security administration API with its role checks and refusals.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

    private static final HttpsClient ADMIN = HttpsClient.as("admin", "admin-dev-pw");
    private static final HttpsClient OPS = HttpsClient.as("ops", "ops-dev-pw");
    private static final HttpsClient CSR = HttpsClient.as("csr", "csr-dev-pw");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return EmsDeployments.product();
    }

    @Test
    void readinessReportsTheDatabaseAndTheMessagingEngineUp() throws Exception {
        HttpResponse<String> ready = HttpsClient.anonymous().get(HttpsClient.HTTP + "/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"")
                .contains("\"name\":\"database\"").contains("\"name\":\"messaging\"");
    }

    @Test
    void metricsAreForAdministratorsAndTheOpenApiDocumentDescribesTheApi() throws Exception {
        HttpResponse<String> metrics = ADMIN.get(HttpsClient.HTTPS + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_uptime");
        // the application's settlement gauges, one per cycle state (and per progress for positions)
        assertThat(metrics.body().lines().filter(l -> l.startsWith("ems_settlement_cycles{")))
                .hasSize(5).anyMatch(l -> l.contains("state=\"SETTLING\""));
        assertThat(metrics.body().lines().filter(l -> l.startsWith("ems_settlement_positions{")))
                .hasSize(20).anyMatch(l -> l.contains("state=\"SETTLED\"") && l.contains("progress=\"paid_out\""));
        assertThat(CSR.get(HttpsClient.HTTPS + "/metrics").statusCode()).isEqualTo(403);

        HttpResponse<String> openApi = HttpsClient.anonymous().get(HttpsClient.HTTP + "/openapi");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/security/security-servers").contains("/api/network/modules");
    }

    @Test
    void adminCenterAnswersTheAdministratorOverHttpsAndRefusesACsr() throws Exception {
        assertThat(formLogin(HttpsClient.anonymous(), "admin", "admin-dev-pw")).isEqualTo(200);
        assertThat(formLogin(HttpsClient.anonymous(), "csr", "csr-dev-pw")).isEqualTo(403);
        // The REST connector behind Admin Center: same rule.
        assertThat(ADMIN.get(HttpsClient.HTTPS + "/IBMJMXConnectorREST/").statusCode()).isEqualTo(200);
        assertThat(CSR.get(HttpsClient.HTTPS + "/IBMJMXConnectorREST/").statusCode()).isEqualTo(403);
    }

    @Test
    void theSecurityApiIsForOperatorsOverTlsOnly() throws Exception {
        assertThat(OPS.get(HttpsClient.HTTPS + "/api/security/security-servers").statusCode()).isEqualTo(200);
        assertThat(CSR.get(HttpsClient.HTTPS + "/api/security/security-servers").statusCode()).isEqualTo(403);
        assertThat(HttpsClient.anonymous().get(HttpsClient.HTTPS + "/api/security/security-servers").statusCode()).isEqualTo(401);
        HttpResponse<String> plain = OPS.get(HttpsClient.HTTP + "/api/security/security-servers");
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("https://"));
        // Changing the key-length policy is for administrators only.
        assertThat(OPS.put(HttpsClient.HTTPS + "/api/security/key-length-policy", "{\"securityServers\":384,\"modules\":256}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void anOperatorCertifiesAModuleAndBadInputIsRefusedWithAReason() throws Exception {
        HttpResponse<String> ss = OPS.post(HttpsClient.HTTPS + "/api/security/security-servers", "");
        assertThat(ss.statusCode()).isEqualTo(201);
        long ssId = Json.longField(ss.body(), "id");
        String certifyUrl = HttpsClient.HTTPS + "/api/security/security-servers/" + ssId + "/module-certificates";

        HttpResponse<String> module = OPS.post(certifyUrl, "{\"role\":\"MONEY_GENERATOR\",\"publicKey\":\"" + p256PublicKey() + "\"}");
        assertThat(module.statusCode()).isEqualTo(201);
        assertThat(module.body()).contains("\"role\":\"MONEY_GENERATOR\"").contains("\"issuedBy\":" + ssId);

        HttpResponse<String> badRole = OPS.post(certifyUrl, "{\"role\":\"BANK\",\"publicKey\":\"" + p256PublicKey() + "\"}");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("\"code\":\"invalid\"").contains("unknown role BANK");

        HttpResponse<String> notAKey = OPS.post(certifyUrl, "{\"role\":\"TELLER\",\"publicKey\":\"not base64!\"}");
        assertThat(notAKey.statusCode()).isEqualTo(400);

        String forged = Base64.getEncoder().encodeToString("forged certificate".getBytes());
        HttpResponse<String> validation = OPS.post(HttpsClient.HTTPS + "/api/security/security-servers/" + ssId
                + "/certificate-validations", "{\"role\":\"TELLER\",\"certificate\":\"" + forged + "\"}");
        assertThat(validation.statusCode()).isEqualTo(200);
        assertThat(validation.body()).contains("\"valid\":false").contains("\"reason\":\"MALFORMED\"");
    }

    /** Signs in to Admin Center with its form and returns the status of the Admin Center page. */
    private static int formLogin(HttpsClient browser, String user, String password) throws Exception {
        browser.get(HttpsClient.HTTPS + "/adminCenter/");
        HttpResponse<String> login = browser.postForm(HttpsClient.HTTPS + "/adminCenter/j_security_check",
                "j_username=" + user + "&j_password=" + password);
        assertThat(login.statusCode()).as("form login answer").isIn(302, 303);
        return browser.get(HttpsClient.HTTPS + "/adminCenter/").statusCode();
    }

    private static String p256PublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    }
}
