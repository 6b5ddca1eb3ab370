package org.ems.money.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.ems.money.application.MoneyBookRepository;
import org.ems.money.application.MoneyModuleBook;
import org.ems.security.domain.ModuleId;

/** JPA store of the hosted modules' money books. */
@ApplicationScoped
public class JpaMoneyBookRepository implements MoneyBookRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaMoneyBookRepository() {
        // for CDI
    }

    public JpaMoneyBookRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<MoneyModuleBook> find(ModuleId module) {
        return Optional.ofNullable(em.find(MoneyModuleBook.class, module.value()));
    }

    @Override
    public void store(MoneyModuleBook book) {
        em.persist(book);
    }

    @Override
    public java.util.List<MoneyModuleBook> all() {
        return em.createQuery("select b from MoneyModuleBook b order by b.moduleId", MoneyModuleBook.class).getResultList();
    }
}
