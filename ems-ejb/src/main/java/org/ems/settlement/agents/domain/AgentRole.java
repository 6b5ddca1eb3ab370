package org.ems.settlement.agents.domain;

/**
 * The three kinds of settlement agent of figure 26, each a money module plus a Realtime
 * Settlement host application: the multilateral settlement coordinator (the root), its
 * multilateral settlement agents, and the counterparty settlement agents under each MSA.
 */
public enum AgentRole {
    MSC, MSA, CSA;

    /** The role an agent of this role has as parent; none for the MSC. */
    public java.util.Optional<AgentRole> parentRole() {
        return switch (this) {
            case MSC -> java.util.Optional.empty();
            case MSA -> java.util.Optional.of(MSC);
            case CSA -> java.util.Optional.of(MSA);
        };
    }
}
