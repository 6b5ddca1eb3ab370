package org.ems.security.domain;

import java.util.Optional;

/** The installed numbering scheme and the residue counters that ids are issued from. */
public interface NumberingSchemeRepository {

    Optional<NumberingScheme> find();

    void store(InstalledNumberingScheme installed);

    /**
     * Takes the next residue of the role's range under a write lock, so two concurrent
     * issuers never take the same one.
     */
    long takeResidue(ModuleRole role, long p);
}
