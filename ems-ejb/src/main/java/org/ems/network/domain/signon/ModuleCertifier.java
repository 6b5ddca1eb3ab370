package org.ems.network.domain.signon;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;

/**
 * How a security server issues a module's new certificate at recertification. A port rather
 * than a direct call so that the application can record the issue (and tests can feed a
 * malfunctioning issuer, the patent's "certificate invalid" branch). May throw
 * {@link IllegalArgumentException} to refuse.
 */
@FunctionalInterface
public interface ModuleCertifier {

    Certificate certify(ModuleId module, ModuleRole role, PublicKey newKey, Instant now);

    /** The security server's own issuer: its certificate and key, valid for {@code validity} from now. The id is kept. */
    static ModuleCertifier of(Certificate ssCertificate, PrivateKey ssKey, NumberingScheme scheme, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a certificate's validity must be positive");
        }
        return (module, role, newKey, now) ->
                CertificateIssuer.certifyModule(ssCertificate, ssKey, module, role, newKey, now, now.plus(validity), scheme);
    }
}
