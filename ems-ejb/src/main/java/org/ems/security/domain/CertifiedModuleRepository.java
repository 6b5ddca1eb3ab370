package org.ems.security.domain;

import java.util.Optional;

/** Certificates issued to modules. */
public interface CertifiedModuleRepository {

    Optional<CertifiedModule> find(ModuleId id);

    long count();

    void store(CertifiedModule module);
}
