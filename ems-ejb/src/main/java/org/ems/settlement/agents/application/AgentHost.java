package org.ems.settlement.agents.application;

import org.ems.settlement.agents.domain.AgentAmounts;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.TransferRef;

/**
 * The Realtime Settlement host application of one role: what it does with a message addressed to
 * one of its agents, and when one of its agent's transfers is complete (every part DONE). Runs in
 * the caller's transaction; a refusal is an {@code AgentRefusedException} thrown before any change.
 */
public interface AgentHost {

    void handle(SettlementAgentRecord self, AgentMessage message);

    void transferDone(SettlementAgentRecord self, String cycle, TransferRef transfer, AgentWorkItem.Direction direction,
                      AgentAmounts amounts);

    /** A part of one of the agent's transfers ended FAILED (attempts exhausted, or the payer cannot pay). */
    default void partFailed(SettlementAgentRecord self, AgentWorkItem part) {
    }
}
