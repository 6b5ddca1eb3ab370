package org.ems.network.domain.signon;

import java.util.Objects;
import org.ems.network.domain.SecretValue;
import org.ems.security.domain.ModuleId;

/** A security server that a network server forwards sign-ons to, and the NS/SS key installed for the pair. */
public record SecurityServerRoute(ModuleId securityServer, SecretValue nsSsKey) {

    public SecurityServerRoute {
        Objects.requireNonNull(securityServer, "securityServer");
        Objects.requireNonNull(nsSsKey, "nsSsKey");
    }
}
