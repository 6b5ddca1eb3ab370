package org.ems.web.rest.settlement;

import java.util.List;
import java.util.Optional;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.application.AgentDirectory.AgentView;
import org.ems.settlement.agents.application.AgentDirectory.WorkView;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.application.CycleId;

/** The settlement agents as the REST API shows and takes them. */
public final class AgentJson {

    private AgentJson() {
    }

    /** A registration: id (1-11 of A-Z 0-9), role (MSC, MSA, CSA), the hosted transaction module, the parent's id (none for the MSC). */
    public record RegisterRequest(String id, String role, Long module, String parent) {

        /** The registration as the directory takes it; an unknown role or a malformed id or module is an {@code IllegalArgumentException}. */
        Registration parse() {
            if (id == null || role == null || module == null) {
                throw new IllegalArgumentException("id, role and module are required (parent for an MSA or CSA)");
            }
            AgentRole parsedRole;
            try {
                parsedRole = AgentRole.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("role is MSC, MSA or CSA, not " + role);
            }
            return new Registration(new AgentId(id), parsedRole, new ModuleId(module), Optional.ofNullable(parent).map(AgentId::new));
        }
    }

    record Registration(AgentId id, AgentRole role, ModuleId module, Optional<AgentId> parent) {
    }

    /** An agent: role, money module, parent, the session its module holds with the parent's and whether it is established. */
    public record Agent(String id, String role, long module, String parent, String session, boolean connected) {

        static Agent of(AgentView v) {
            return new Agent(v.id().value(), v.role().name(), v.module().value(), v.parent().map(AgentId::value).orElse(null),
                    v.session().map(Object::toString).orElse(null), v.connected());
        }
    }

    /** The session an agent's module was asked to establish with its parent's. */
    public record Connection(String agent, String session) {
    }

    /** The transfer part a path names, {@code KIND.SUBJECT/part} (1-4), e.g. {@code IN.A/1}; anything else is an illegal argument. */
    static TransferRef transferPart(String text) {
        return Optional.ofNullable(text).flatMap(TransferRef::parse).filter(r -> r.part() > 0).orElseThrow(
                () -> new IllegalArgumentException("a transfer part is KIND.SUBJECT/part (part 1-" + TransferRef.MAX_PARTS
                        + "), e.g. IN.A/1, not " + text));
    }

    /** One transfer part of an agent's work in a cycle (settled in one or more Settle FX). */
    public record Work(String ref, String direction, String peer, String amounts, String settled, String state, int attempts,
                       int failures, String lastOutcome) {

        static Work of(WorkView w) {
            return new Work(w.ref(), w.direction(), w.peer().value(), w.amounts(), w.settled(), w.state(), w.attempts(), w.failures(),
                    w.lastOutcome());
        }
    }

    /**
     * An agent's view of a cycle: its decision (SUCCESS or FAILURE, at an MSA or CSA once told), the
     * MSC's phase (at the MSC: SETTLING, SUCCESS, FAILURE, SETTLED) and its work items in queue order.
     */
    public record AgentCycle(String agent, String role, String cycle, String decision, String phase, List<Work> work) {

        static AgentCycle of(AgentView agent, CycleId cycle, Optional<String> decision, Optional<String> phase, List<WorkView> work) {
            return new AgentCycle(agent.id().value(), agent.role().name(), cycle.value(), decision.orElse(null), phase.orElse(null),
                    work.stream().map(Work::of).toList());
        }
    }

    /** A CSA's host told it the funds are in its module: {@code told} whether its MSA was told (now or before). */
    public record FundsAcquired(String agent, String cycle, boolean told) {
    }

    /** The settlement time to start a closed cycle's multilateral settlement with (ISO 8601 instant). */
    public record SettlementRequest(String settlementTime) {
    }

    /** The MSC's settlement of a cycle: its phase and the cycle's state and progress. */
    public record Settlement(String cycle, String phase, String state, SettlementResource.Progress progress) {
    }
}
