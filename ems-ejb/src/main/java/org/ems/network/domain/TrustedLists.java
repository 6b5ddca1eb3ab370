package org.ems.network.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.KeyLengthPolicy;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.PssKeyList;
import org.ems.security.domain.SignedKeyLengthPolicy;

/**
 * What a party trusts when it checks certificates: the numbering scheme, the PSS key list, the
 * bad-ID list and the signed key-length policy. They are trusted as given: verify each when it
 * is received (as a sign-on update does), not on every use, which would cost P-521
 * verifications per step. The signed policy is kept signed so a security server can pass it on.
 */
public record TrustedLists(NumberingScheme scheme, PssKeyList pssKeys, BadIdList badIds, SignedKeyLengthPolicy signedPolicy) {

    public TrustedLists {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(pssKeys, "pssKeys");
        Objects.requireNonNull(badIds, "badIds");
        Objects.requireNonNull(signedPolicy, "signedPolicy");
    }

    public KeyLengthPolicy keyLengthPolicy() {
        return signedPolicy.policy();
    }

    /** A validator that sees {@code now} (a step's instant, so a step is a pure function of its inputs). */
    public CertificateValidator validatorAt(Instant now, Duration skew, boolean enforceKeyLengthPolicy) {
        CertificateValidator validator = new CertificateValidator(scheme, pssKeys, badIds, Clock.fixed(now, ZoneOffset.UTC))
                .withClockSkewTolerance(skew);
        return enforceKeyLengthPolicy ? validator.withKeyLengthPolicy(signedPolicy.policy()) : validator;
    }

    public TrustedLists with(PssKeyList newPssKeys, BadIdList newBadIds, SignedKeyLengthPolicy newPolicy) {
        return new TrustedLists(scheme, newPssKeys, newBadIds, newPolicy);
    }
}
