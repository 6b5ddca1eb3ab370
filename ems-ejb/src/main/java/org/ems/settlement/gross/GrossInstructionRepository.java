package org.ems.settlement.gross;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.InstructionPhase;

/** JPA store of gross and bilateral settlement instructions. */
@ApplicationScoped
public class GrossInstructionRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected GrossInstructionRepository() {
        // for CDI
    }

    public GrossInstructionRepository(EntityManager em) {
        this.em = em;
    }

    Optional<GrossInstructionRecord> find(InstructionId id) {
        return Optional.ofNullable(em.find(GrossInstructionRecord.class, id.value()));
    }

    void store(GrossInstructionRecord record) {
        em.persist(record);
    }

    /** The instruction a Settle Foreign Exchange conversation carries, if any. */
    Optional<GrossInstructionRecord> bySettlement(ConversationId settlement) {
        return em.createQuery("select i from GrossInstructionRecord i where i.settlement = :s", GrossInstructionRecord.class)
                .setParameter("s", settlement.toString()).getResultStream().findFirst();
    }

    /** PENDING instructions waiting for {@code module} (as A or B) to be free, earliest first, at most {@code max}. */
    List<GrossInstructionRecord> waitingFor(ModuleId module, int max) {
        return em.createQuery("select i from GrossInstructionRecord i where i.waiting = true and i.phase = :p"
                        + " and (i.moduleA = :m or i.moduleB = :m) order by i.settleAt, i.id", GrossInstructionRecord.class)
                .setParameter("p", InstructionPhase.PENDING).setParameter("m", module.value()).setMaxResults(max).getResultList();
    }

    /** PENDING instructions whose settlement time has come, earliest first, at most {@code max}. */
    List<GrossInstructionRecord> due(Instant now, int max) {
        return em.createQuery("select i from GrossInstructionRecord i where i.phase = :p and i.settleAt <= :now"
                        + " order by i.settleAt, i.id", GrossInstructionRecord.class)
                .setParameter("p", InstructionPhase.PENDING).setParameter("now", now).setMaxResults(max).getResultList();
    }
}
