package org.ems.settlement.agents.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.TransferRef;

/** JPA store of the settlement agents. Facts, work items and received messages are never removed. */
@ApplicationScoped
public class JpaAgentRepository implements AgentRepository {

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaAgentRepository() {
        // for CDI
    }

    public JpaAgentRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<SettlementAgentRecord> find(AgentId id) {
        return Optional.ofNullable(em.find(SettlementAgentRecord.class, id.value()));
    }

    @Override
    public Optional<SettlementAgentRecord> findForUpdate(AgentId id) {
        return Optional.ofNullable(em.find(SettlementAgentRecord.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<SettlementAgentRecord> findByModule(ModuleId module) {
        return em.createQuery("select a from SettlementAgentRecord a where a.moduleId = :m", SettlementAgentRecord.class)
                .setParameter("m", module.value()).getResultStream().findFirst();
    }

    @Override
    public List<SettlementAgentRecord> children(AgentId parent) {
        return em.createQuery("select a from SettlementAgentRecord a where a.parentId = :p order by a.agentId", SettlementAgentRecord.class)
                .setParameter("p", parent.value()).getResultList();
    }

    @Override
    public List<SettlementAgentRecord> all() {
        return em.createQuery("select a from SettlementAgentRecord a order by a.agentId", SettlementAgentRecord.class).getResultList();
    }

    @Override
    public void store(SettlementAgentRecord agent) {
        em.persist(agent);
    }

    @Override
    public Optional<AgentFact> fact(AgentId agent, String cycle, String name) {
        return Optional.ofNullable(em.find(AgentFact.class, AgentFact.keyOf(agent, cycle, name)));
    }

    @Override
    public List<AgentFact> facts(AgentId agent, String cycle) {
        return em.createQuery("select f from AgentFact f where f.agentId = :a and f.cycleId = :c order by f.factName", AgentFact.class)
                .setParameter("a", agent.value()).setParameter("c", cycle).getResultList();
    }

    @Override
    public void store(AgentFact fact) {
        em.persist(fact);
    }

    @Override
    public Optional<AgentWorkItem> work(AgentId agent, String cycle, TransferRef ref) {
        return Optional.ofNullable(em.find(AgentWorkItem.class, AgentWorkItem.keyOf(agent, cycle, ref)));
    }

    @Override
    public List<AgentWorkItem> work(AgentId agent, String cycle) {
        return em.createQuery("select w from AgentWorkItem w where w.agentId = :a and w.cycleId = :c order by w.sequenceNo",
                AgentWorkItem.class).setParameter("a", agent.value()).setParameter("c", cycle).getResultList();
    }

    @Override
    public List<AgentWorkItem> openWork(AgentId agent) {
        return em.createQuery("select w from AgentWorkItem w where w.agentId = :a and w.openItem = true order by w.sequenceNo",
                AgentWorkItem.class).setParameter("a", agent.value()).getResultList();
    }

    @Override
    public Optional<AgentWorkItem> workByConversation(AgentId agent, ConversationId settlement) {
        return em.createQuery("select w from AgentWorkItem w where w.agentId = :a and w.conversation = :c", AgentWorkItem.class)
                .setParameter("a", agent.value()).setParameter("c", settlement.toString()).getResultStream().findFirst();
    }

    @Override
    public long nextSequence(AgentId agent) {
        Long max = em.createQuery("select max(w.sequenceNo) from AgentWorkItem w where w.agentId = :a", Long.class)
                .setParameter("a", agent.value()).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    @Override
    public void store(AgentWorkItem item) {
        em.persist(item);
    }

    @Override
    public boolean hasReceived(String digest) {
        return em.find(AgentReceivedMessage.class, digest) != null;
    }

    @Override
    public void store(AgentReceivedMessage received) {
        em.persist(received);
    }
}
