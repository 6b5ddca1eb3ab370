package org.ems.settlement.agents.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentId;

/**
 * Something an agent learnt or decided about a cycle, written once: debit and credit data
 * ({@code DEBIT.A}, {@code CREDIT.B} with amounts), the MSC's schedule ({@code SETTLE}: the
 * settlement time, its value the MSC's phase), a decision ({@code DECISION}: SUCCESS or FAILURE), a
 * credit paid out ({@code PAIDOUT.B}). Unique per agent, cycle and name, so that a fact cannot be
 * recorded twice. Only the MSC's {@code SETTLE} fact changes value (SETTLING, SUCCESS, FAILURE, SETTLED).
 */
@Entity
@Table(name = "SETTLEMENT_AGENT_FACT", indexes = @Index(name = "IX_SETTLEMENT_AGENT_FACT_CYCLE", columnList = "agentId, cycleId"))
public class AgentFact {

    @Id
    @Column(length = 80)
    private String factKey;

    @Column(nullable = false, length = 11)
    private String agentId;

    @Column(nullable = false, length = 32)
    private String cycleId;

    @Column(nullable = false, length = 24)
    private String factName;

    @Column(nullable = false, length = 1400)
    private String amounts;

    private Instant factAt;

    @Column(nullable = false, length = 16)
    private String factValue;

    protected AgentFact() {
        // for JPA
    }

    AgentFact(AgentId agent, String cycle, String name, AgentAmounts amounts, Optional<Instant> at, String value) {
        this.factKey = keyOf(agent, cycle, name);
        this.agentId = agent.value();
        this.cycleId = cycle;
        this.factName = name;
        this.amounts = amounts.encode();
        this.factAt = at.orElse(null);
        this.factValue = value;
    }

    static String keyOf(AgentId agent, String cycle, String name) {
        return agent.value() + "/" + cycle + "/" + name;
    }

    public String name() {
        return factName;
    }

    public AgentAmounts amounts() {
        return AgentAmounts.decode(amounts);
    }

    public Optional<Instant> at() {
        return Optional.ofNullable(factAt);
    }

    public String value() {
        return factValue;
    }

    void value(String newValue) {
        this.factValue = newValue;
    }
}
