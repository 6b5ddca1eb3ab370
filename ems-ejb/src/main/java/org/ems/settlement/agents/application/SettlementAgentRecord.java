package org.ems.settlement.agents.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Optional;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRole;

/**
 * A settlement agent in the directory: its id, role, the hosted money module it settles with, its
 * parent (a CSA's MSA, an MSA's MSC; none for the MSC) and the session its module established to
 * the parent's module, which both sides use for their Settle Foreign Exchange. Invariants: the role
 * of the parent is {@link AgentRole#parentRole()}; one agent per module; the session, once set, is
 * replaced only by {@link #connecting}.
 */
@Entity
@Table(name = "SETTLEMENT_AGENT", uniqueConstraints = @UniqueConstraint(name = "UK_SETTLEMENT_AGENT_MODULE", columnNames = "moduleId"),
        indexes = @Index(name = "IX_SETTLEMENT_AGENT_PARENT", columnList = "parentId"))
public class SettlementAgentRecord {

    @Id
    @Column(length = 11)
    private String agentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    private AgentRole agentRole;

    @Column(nullable = false)
    private long moduleId;

    @Column(length = 11)
    private String parentId;

    /** The session from this agent's module to its parent's module (conversation id), once asked for. */
    @Column(length = 40)
    private String parentSession;

    @Column(nullable = false)
    private Instant registeredAt;

    protected SettlementAgentRecord() {
        // for JPA
    }

    SettlementAgentRecord(AgentId id, AgentRole role, ModuleId module, Optional<AgentId> parent, Instant now) {
        this.agentId = id.value();
        this.agentRole = role;
        this.moduleId = module.value();
        this.parentId = parent.map(AgentId::value).orElse(null);
        this.registeredAt = now;
    }

    public AgentId id() {
        return new AgentId(agentId);
    }

    public AgentRole role() {
        return agentRole;
    }

    public ModuleId module() {
        return new ModuleId(moduleId);
    }

    public Optional<AgentId> parent() {
        return Optional.ofNullable(parentId).map(AgentId::new);
    }

    /** Of two agents, the one that is the other's child (the link's session is its {@link #parentSession}); empty if neither is. */
    static Optional<SettlementAgentRecord> childOf(SettlementAgentRecord a, SettlementAgentRecord b) {
        if (b.parent().filter(a.id()::equals).isPresent()) {
            return Optional.of(b);
        }
        return a.parent().filter(b.id()::equals).isPresent() ? Optional.of(a) : Optional.empty();
    }

    public Optional<ConversationId> parentSession() {
        return Optional.ofNullable(parentSession).map(ConversationId::parse);
    }

    void connecting(ConversationId session) {
        this.parentSession = session.toString();
    }
}
