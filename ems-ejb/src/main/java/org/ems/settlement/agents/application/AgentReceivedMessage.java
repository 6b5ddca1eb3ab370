package org.ems.settlement.agents.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A message an agent accepted, by the SHA-256 of its line: a redelivered copy finds it and changes
 * nothing. The primary key decides two racing deliveries (the later commit fails and is redelivered).
 */
@Entity
@Table(name = "SETTLEMENT_AGENT_RECEIVED")
public class AgentReceivedMessage {

    @Id
    @Column(length = 64)
    private String digest;

    @Column(nullable = false, length = 11)
    private String agentId;

    @Column(nullable = false, length = 16)
    private String kind;

    @Column(nullable = false)
    private Instant receivedAt;

    protected AgentReceivedMessage() {
        // for JPA
    }

    AgentReceivedMessage(String digest, String agentId, String kind, Instant receivedAt) {
        this.digest = digest;
        this.agentId = agentId;
        this.kind = kind;
        this.receivedAt = receivedAt;
    }
}
