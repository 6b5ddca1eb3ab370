package org.ems.security.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.SecurityServer;
import org.ems.security.domain.SecurityServerRepository;

/** JPA store of security servers. */
@ApplicationScoped
public class JpaSecurityServerRepository implements SecurityServerRepository {

    /** A bound on what one listing returns (TIGER_STYLE: a limit on everything). */
    private static final int MAX_LISTED = 1000;

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaSecurityServerRepository() {
        // for CDI
    }

    public JpaSecurityServerRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<SecurityServer> find(ModuleId id) {
        return Optional.ofNullable(em.find(SecurityServer.class, id.value()));
    }

    @Override
    public List<SecurityServer> findAll() {
        return em.createQuery("select s from SecurityServer s order by s.createdAt", SecurityServer.class)
                .setMaxResults(MAX_LISTED)
                .getResultList();
    }

    @Override
    public void store(SecurityServer server) {
        em.persist(server);
    }
}
