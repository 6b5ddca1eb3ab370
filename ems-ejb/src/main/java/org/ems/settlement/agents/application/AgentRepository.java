package org.ems.settlement.agents.application;

import java.util.List;
import java.util.Optional;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.TransferRef;

/** Where the settlement agents, their facts, work items and received messages are kept. */
public interface AgentRepository {

    Optional<SettlementAgentRecord> find(AgentId id);

    /** The agent, its row locked until the transaction ends: one delivery or event per agent at a time. */
    Optional<SettlementAgentRecord> findForUpdate(AgentId id);

    Optional<SettlementAgentRecord> findByModule(ModuleId module);

    /** The agents whose parent is {@code parent}, by id. */
    List<SettlementAgentRecord> children(AgentId parent);

    /** Every agent, by id. */
    List<SettlementAgentRecord> all();

    void store(SettlementAgentRecord agent);

    Optional<AgentFact> fact(AgentId agent, String cycle, String name);

    /** The agent's facts of the cycle, by name. */
    List<AgentFact> facts(AgentId agent, String cycle);

    void store(AgentFact fact);

    Optional<AgentWorkItem> work(AgentId agent, String cycle, TransferRef ref);

    /** The agent's work items of a cycle, in queue order. */
    List<AgentWorkItem> work(AgentId agent, String cycle);

    /** The agent's open work items (any cycle), in queue order. */
    List<AgentWorkItem> openWork(AgentId agent);

    /** The agent's item whose current or last attempt is {@code settlement}. */
    Optional<AgentWorkItem> workByConversation(AgentId agent, ConversationId settlement);

    /** The next queue position of the agent (one more than the highest so far). */
    long nextSequence(AgentId agent);

    void store(AgentWorkItem item);

    boolean hasReceived(String digest);

    void store(AgentReceivedMessage received);
}
