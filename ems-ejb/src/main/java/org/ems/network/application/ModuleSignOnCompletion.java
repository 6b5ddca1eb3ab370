package org.ems.network.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.PrivateKeyVault;
import org.ems.crypto.Purpose;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.security.application.TrustAnchors;

/**
 * What a hosted module keeps from a settled sign-on, in the same transaction as the step: the
 * corrected clock, the checked security update, a new certificate and key if it recertified,
 * and its network link (sealed) while signed on.
 */
@ApplicationScoped
public class ModuleSignOnCompletion {

    @Inject NetworkRepository network;
    @Inject TrustAnchors trust;
    @Inject PrivateKeyVault vault;
    @Inject AtRestCipher atRest;

    public HostedModule module(ModuleAddress address) {
        return network.findModule(address.id()).orElseThrow(() -> new IllegalArgumentException("no hosted module " + address.id()));
    }

    public void afterStep(HostedModule module, ModuleSignOnState state) {
        if (!state.isSettled()) {
            return;
        }
        Optional<TrustedLists> updated = state.update().map(u -> u.applyTo(module.trust(trust.scheme())));
        var recertified = state.recertification();
        module.completeSignOn(state.clockOffset(), updated,
                recertified.map(r -> r.certificate()),
                recertified.map(r -> vault.seal(r.privateKey())),
                state.link().map(link -> atRest.seal(Purpose.NETWORK_LINK_AT_REST, link.encode())));
    }
}
