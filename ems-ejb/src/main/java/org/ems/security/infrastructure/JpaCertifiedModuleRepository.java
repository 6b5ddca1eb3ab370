package org.ems.security.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.ems.security.domain.CertifiedModule;
import org.ems.security.domain.CertifiedModuleRepository;
import org.ems.security.domain.ModuleId;

/** JPA store of the certificates issued to modules. */
@ApplicationScoped
public class JpaCertifiedModuleRepository implements CertifiedModuleRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaCertifiedModuleRepository() {
        // for CDI
    }

    public JpaCertifiedModuleRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<CertifiedModule> find(ModuleId id) {
        return Optional.ofNullable(em.find(CertifiedModule.class, id.value()));
    }

    @Override
    public long count() {
        return em.createQuery("select count(m) from CertifiedModule m", Long.class).getSingleResult();
    }

    @Override
    public void store(CertifiedModule module) {
        em.persist(module);
    }
}
