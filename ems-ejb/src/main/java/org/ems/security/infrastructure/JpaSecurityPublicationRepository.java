package org.ems.security.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.ems.security.domain.SecurityPublication;
import org.ems.security.domain.SecurityPublicationRepository;

/** JPA store of the primary security servers' signed publications. */
@ApplicationScoped
public class JpaSecurityPublicationRepository implements SecurityPublicationRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaSecurityPublicationRepository() {
        // for CDI
    }

    public JpaSecurityPublicationRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<SecurityPublication> latest(SecurityPublication.Kind kind) {
        return em.createQuery("select p from SecurityPublication p where p.kind = :kind order by p.version desc",
                        SecurityPublication.class)
                .setParameter("kind", kind)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<SecurityPublication> find(SecurityPublication.Kind kind, long version) {
        return em.createQuery("select p from SecurityPublication p where p.kind = :kind and p.version = :version",
                        SecurityPublication.class)
                .setParameter("kind", kind)
                .setParameter("version", version)
                .getResultStream().findFirst();
    }

    @Override
    public void store(SecurityPublication publication) {
        em.persist(publication);
    }
}
