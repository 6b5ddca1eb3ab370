package org.ems.security.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.PrimarySecurityServer;
import org.ems.security.domain.PrimarySecurityServerRepository;

/** JPA store of primary security servers. */
@ApplicationScoped
public class JpaPrimarySecurityServerRepository implements PrimarySecurityServerRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaPrimarySecurityServerRepository() {
        // for CDI
    }

    public JpaPrimarySecurityServerRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<PrimarySecurityServer> find(ModuleId id) {
        return Optional.ofNullable(em.find(PrimarySecurityServer.class, id.value()));
    }

    @Override
    public Optional<PrimarySecurityServer> findDesignated() {
        return em.createQuery("select p from PrimarySecurityServer p where p.designated = true", PrimarySecurityServer.class)
                .getResultStream().findFirst();
    }

    @Override
    public List<PrimarySecurityServer> findAll() {
        return em.createQuery("select p from PrimarySecurityServer p order by p.createdAt", PrimarySecurityServer.class)
                .getResultList();
    }

    @Override
    public void store(PrimarySecurityServer server) {
        em.persist(server);
    }
}
