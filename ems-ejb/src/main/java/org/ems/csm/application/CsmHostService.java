package org.ems.csm.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.ems.csm.domain.CustomerServiceModule;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * Opens a customer service module on this host: certified by a security server and hosted on a
 * network server as any module ({@link NetworkService#openModule}), with the validity of the
 * profiles it will sign. It signs on like any module before it opens sessions.
 */
@Stateless
public class CsmHostService {

    @Inject NetworkService network;
    @Inject CsmRepository repository;
    @Inject Clock clock;

    public CsmView open(ModuleId securityServer, NetworkServerId networkServer, Duration profileValidity) {
        if (profileValidity.isNegative() || profileValidity.isZero()
                || profileValidity.compareTo(CustomerServiceModule.MAX_PROFILE_VALIDITY) > 0) {
            throw new IllegalArgumentException("profile validity outside (0, " + CustomerServiceModule.MAX_PROFILE_VALIDITY + "]");
        }
        Certificate certificate = network.openModule(ModuleRole.CUSTOMER_SERVICE, securityServer, networkServer);
        repository.store(new CsmModuleRecord(certificate.subjectId(), profileValidity, clock.instant()));
        return new CsmView(certificate.subjectId().value(), profileValidity.toDays(), certificate.expiresAt().toString());
    }

    /** The customer service modules hosted here, oldest first. */
    public List<CsmView> csms() {
        return repository.csms().stream().map(c -> new CsmView(c.csm().value(), c.profileValidity().toDays(),
                network.moduleView(c.csm()).certificateExpiresAt().toString())).toList();
    }

    /** A hosted CSM as operators see it. */
    public record CsmView(long id, long profileValidityDays, String certificateExpires) {
    }
}
