package org.ems.security.domain;

import java.util.List;
import java.util.Optional;

/** Primary security servers. */
public interface PrimarySecurityServerRepository {

    Optional<PrimarySecurityServer> find(ModuleId id);

    Optional<PrimarySecurityServer> findDesignated();

    List<PrimarySecurityServer> findAll();

    void store(PrimarySecurityServer server);
}
