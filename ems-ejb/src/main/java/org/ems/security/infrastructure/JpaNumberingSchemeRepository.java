package org.ems.security.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.ems.security.domain.InstalledNumberingScheme;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.NumberingSchemeRepository;
import org.ems.security.domain.ResidueCounter;

/** JPA store of the numbering scheme and its residue counters. */
@ApplicationScoped
public class JpaNumberingSchemeRepository implements NumberingSchemeRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaNumberingSchemeRepository() {
        // for CDI
    }

    public JpaNumberingSchemeRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<NumberingScheme> find() {
        return Optional.ofNullable(em.find(InstalledNumberingScheme.class, InstalledNumberingScheme.SINGLETON))
                .map(InstalledNumberingScheme::scheme);
    }

    @Override
    public void store(InstalledNumberingScheme installed) {
        em.persist(installed);
    }

    @Override
    public long takeResidue(ModuleRole role, long p) {
        ResidueCounter counter = em.find(ResidueCounter.class, role, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            // The counters are created with the scheme; this covers a role added later.
            counter = new ResidueCounter(role);
            em.persist(counter);
        }
        return counter.take(p);
    }
}
