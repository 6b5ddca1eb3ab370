package org.ems.csm.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.ems.bank.domain.BankId;
import org.ems.csm.domain.ClaimId;
import org.ems.csm.domain.ClaimMarks;
import org.ems.security.domain.ModuleId;

/** JPA store of the hosted CSMs, the modules' account profiles, claim marks and sequence counters, and the MIIS's claims. */
@ApplicationScoped
public class CsmRepository {

    /** Bound on a listing (a portal page): more claims than this are not shown at once. */
    static final int MAX_LISTED = 500;

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected CsmRepository() {
        // for CDI
    }

    public CsmRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<CsmModuleRecord> csm(ModuleId id) {
        return Optional.ofNullable(em.find(CsmModuleRecord.class, id.value()));
    }

    public List<CsmModuleRecord> csms() {
        return em.createQuery("select c from CsmModuleRecord c order by c.openedAt", CsmModuleRecord.class).getResultList();
    }

    public void store(CsmModuleRecord csm) {
        em.persist(csm);
    }

    public List<StoredProfile> profiles(ModuleId module) {
        return em.createQuery("select p from StoredProfile p where p.moduleId = :m order by p.bankCode", StoredProfile.class)
                .setParameter("m", module.value()).setMaxResults(MAX_LISTED).getResultList();
    }

    public Optional<StoredProfile> profile(ModuleId module, BankId bank) {
        return Optional.ofNullable(em.find(StoredProfile.class, StoredProfile.idOf(module, bank)));
    }

    public List<StoredProfile> profilesOf(String subscriber) {
        return em.createQuery("select p from StoredProfile p where p.subscriber = :s order by p.moduleId, p.bankCode", StoredProfile.class)
                .setParameter("s", subscriber).setMaxResults(MAX_LISTED).getResultList();
    }

    public void store(StoredProfile profile) {
        em.persist(profile);
    }

    public ClaimMarks marks(ModuleId module) {
        return ClaimMarks.of(em.createQuery("select m from ClaimMarkRecord m where m.moduleId = :m", ClaimMarkRecord.class)
                .setParameter("m", module.value()).getResultList().stream().map(ClaimMarkRecord::mark).toList());
    }

    public void store(ClaimMarkRecord mark) {
        em.persist(mark);
    }

    /** The module's counter, created at 0 on first use. */
    public ClaimSequence sequence(ModuleId module) {
        ClaimSequence found = em.find(ClaimSequence.class, module.value());
        if (found == null) {
            found = new ClaimSequence(module.value());
            em.persist(found);
        }
        return found;
    }

    public Optional<ClaimRecord> claim(ClaimId id) {
        return Optional.ofNullable(em.find(ClaimRecord.class, id.toString()));
    }

    public void store(ClaimRecord claim) {
        em.persist(claim);
    }

    public List<ClaimRecord> claimsOf(ModuleId module) {
        return em.createQuery("select c from ClaimRecord c where c.moduleId = :m order by c.filedAt", ClaimRecord.class)
                .setParameter("m", module.value()).setMaxResults(MAX_LISTED).getResultList();
    }

    public List<ClaimRecord> claimsOf(String subscriber) {
        return em.createQuery("select c from ClaimRecord c where c.subscriber = :s order by c.filedAt", ClaimRecord.class)
                .setParameter("s", subscriber).setMaxResults(MAX_LISTED).getResultList();
    }
}
