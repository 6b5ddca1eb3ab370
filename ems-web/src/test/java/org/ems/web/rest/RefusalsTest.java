package org.ems.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.RejectionReason;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void aCertificateRefusalKeepsItsReasonThroughTheContainersWrapping() {
        Throwable wrapped = new EJBException(new CertificateRejectedException(RejectionReason.BAD_LISTED, "module 42"));

        Problem problem = Refusals.problemFor(Refusals.unwrap(wrapped));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.code()).isEqualTo("certificate.BAD_LISTED");
        assertThat(problem.message()).contains("module 42");
    }

    @Test
    void badInputIs400AndAConflictIs409() {
        assertThat(Refusals.problemFor(new IllegalArgumentException("unknown role X")))
                .isEqualTo(new Problem(400, "invalid", "unknown role X"));
        assertThat(Refusals.problemFor(new IllegalStateException("not installed")).status()).isEqualTo(409);
    }

    @Test
    void anythingElseIs500WithoutItsInternals() {
        Problem problem = Refusals.problemFor(new NullPointerException("secret detail"));

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.message()).doesNotContain("secret detail");
    }
}
