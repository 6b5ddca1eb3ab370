package org.ems.security.domain;

import java.util.List;
import java.util.Optional;

/** Security servers. */
public interface SecurityServerRepository {

    Optional<SecurityServer> find(ModuleId id);

    List<SecurityServer> findAll();

    void store(SecurityServer server);
}
