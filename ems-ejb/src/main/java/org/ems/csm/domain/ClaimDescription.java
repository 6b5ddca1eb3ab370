package org.ems.csm.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ems.money.domain.Money;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The claim description appended in the clear to an encrypted lost-note claim (figure 21, step
 * 2050): the claim sequence number, the total value of the claim (one total per currency), and
 * the certificate of the money module; with, as additions, when it was created and which CSM it
 * is sealed to (so the host knows where it can be submitted). The CSM checks every field against
 * the signed packet inside, so a description changed in the clear is refused.
 */
public record ClaimDescription(long claimSequence, List<Money> totals, Certificate moduleCertificate, ModuleId recipient,
        Instant createdAt) {

    public ClaimDescription {
        if (claimSequence < 1) {
            throw new IllegalArgumentException("claim sequence numbers start at 1: " + claimSequence);
        }
        totals = List.copyOf(totals);
        Objects.requireNonNull(moduleCertificate, "moduleCertificate");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!ClaimCodec.totalsOf(totals).equals(totals)) {
            throw new IllegalArgumentException("totals must be one positive amount per currency in code order");
        }
        if (moduleCertificate.subjectRole() != ModuleRole.TRANSACTION) {
            throw new IllegalArgumentException("a claim is made by a transaction money module, not a " + moduleCertificate.subjectRole());
        }
    }
}
