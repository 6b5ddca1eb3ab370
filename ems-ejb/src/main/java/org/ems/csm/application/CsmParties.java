package org.ems.csm.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ems.crypto.PrivateKeyVault;
import org.ems.csm.domain.ClaimLostNotes;
import org.ems.csm.domain.CustomerServiceModule;
import org.ems.csm.domain.ProfileChecks;
import org.ems.money.domain.NoteVerifier;
import org.ems.network.application.NetworkSettings;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.TrustedLists;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The hosted parties of the customer service flows, opened with their own keys and trusted lists
 * (as the payments open theirs): the CSM as {@link CustomerServiceModule} and {@link ClaimLostNotes},
 * a money module's or a teller's {@link ProfileChecks}. Each party checks with its own PSS keys and
 * bad-ID list at its own time (the host's clock corrected by the offset of its last sign-on).
 */
@ApplicationScoped
public class CsmParties {

    @Inject NetworkRepository network;
    @Inject CsmRepository repository;
    @Inject PrivateKeyVault vault;
    @Inject TrustAnchors trust;
    @Inject NetworkSettings settings;
    @Inject Clock clock;

    /** A hosted module of {@code role}; anything else is an IllegalArgumentException. */
    public HostedModule hosted(ModuleId id, ModuleRole role) {
        HostedModule module = network.findModule(id).orElseThrow(() -> new IllegalArgumentException("no hosted module " + id));
        if (module.role() != role) {
            throw new IllegalArgumentException("module " + id + " is a " + module.role() + ", not a " + role);
        }
        return module;
    }

    /** The hosted CSM {@code id}, opened with its key. */
    public CustomerServiceModule csm(ModuleId id) {
        CsmModuleRecord record = repository.csm(id).orElseThrow(() -> new IllegalArgumentException("no customer service module " + id));
        HostedModule module = hosted(id, ModuleRole.CUSTOMER_SERVICE);
        return new CustomerServiceModule(module.certificate(), vault.open(module.sealedPrivateKey()), record.profileValidity());
    }

    /** The CSM's claim desk: its key, validator and note verifier. */
    public ClaimLostNotes claimDesk(ModuleId csmId) {
        CustomerServiceModule csm = csm(csmId);
        HostedModule module = hosted(csmId, ModuleRole.CUSTOMER_SERVICE);
        TrustedLists lists = module.trust(trust.scheme());
        CertificateValidator validator = validator(module);
        return new ClaimLostNotes(csm, validator, new NoteVerifier(validator, lists.badIds()));
    }

    /** The profile checks of a hosted module (money module, CSM or teller), with its trusted lists. */
    public ProfileChecks checks(HostedModule module) {
        return new ProfileChecks(validator(module));
    }

    /** The module's time, whole milliseconds. */
    public Instant now(HostedModule module) {
        return clock.instant().plus(module.clockOffset()).truncatedTo(ChronoUnit.MILLIS);
    }

    private CertificateValidator validator(HostedModule module) {
        return module.trust(trust.scheme()).validatorAt(now(module), settings.limits().clockTolerance(), false);
    }
}
