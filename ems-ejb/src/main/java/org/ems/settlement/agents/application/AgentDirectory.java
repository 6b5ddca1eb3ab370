package org.ems.settlement.agents.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.ProtocolConversation;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.agents.domain.WorkState;
import org.ems.settlement.application.CycleId;

/**
 * The directory of settlement agents: who is who (role, money module, parent) and the session each
 * child's module holds with its parent's. {@link #register} then {@link #connect}; an agent settles
 * once the network reports its session established ({@link AgentView#connected}).
 */
@Stateless
public class AgentDirectory {

    private static final Logger LOG = Logger.getLogger(AgentDirectory.class.getName());

    @Inject AgentRepository agents;
    @Inject AgentWork work;
    @Inject NetworkRepository network;
    @Inject NetworkService networkService;
    @Inject Clock clock;

    /**
     * Registers an agent: the MSC without a parent (one MSC), an MSA under the MSC, a CSA (its id
     * the counterparty's code) under an MSA; its module a hosted transaction module no other agent
     * uses. The same registration again returns the agent; another one under the same id is refused.
     *
     * @throws IllegalArgumentException unknown module or parent, wrong parent role, a module not a transaction module
     * @throws IllegalStateException the id registered otherwise, the module taken, a second MSC
     */
    public AgentView register(AgentId id, AgentRole role, ModuleId module, Optional<AgentId> parent) {
        Optional<SettlementAgentRecord> existing = agents.find(id);
        if (existing.isPresent()) {
            SettlementAgentRecord a = existing.get();
            if (a.role() != role || !a.module().equals(module) || !a.parent().equals(parent)) {
                throw new IllegalStateException("agent " + id + " is registered as " + a.role() + " of module " + a.module() + " under "
                        + a.parent().map(AgentId::value).orElse("nobody"));
            }
            return view(a);
        }
        if (parent.isPresent() != role.parentRole().isPresent()) {
            throw new IllegalArgumentException("a" + (role == AgentRole.MSC ? "n MSC has no parent" : " " + role + " has a parent"));
        }
        if (parent.isPresent()) {
            SettlementAgentRecord p = agents.find(parent.get()).orElseThrow(() -> new IllegalArgumentException("no agent " + parent.get()));
            if (p.role() != role.parentRole().orElseThrow()) {
                throw new IllegalArgumentException("the parent of a " + role + " is an " + role.parentRole().orElseThrow() + ", "
                        + p.id() + " is a " + p.role());
            }
        } else if (agents.all().stream().anyMatch(a -> a.role() == AgentRole.MSC)) {
            throw new IllegalStateException("there is an MSC already");
        }
        HostedModule hosted = network.findModule(module).orElseThrow(() -> new IllegalArgumentException("no hosted module " + module));
        if (hosted.role() != ModuleRole.TRANSACTION) {
            throw new IllegalArgumentException("module " + module + " is a " + hosted.role() + ", agents use transaction modules");
        }
        agents.findByModule(module).ifPresent(a -> {
            throw new IllegalStateException("module " + module + " is agent " + a.id() + "'s");
        });
        SettlementAgentRecord record = new SettlementAgentRecord(id, role, module, parent, clock.instant());
        agents.store(record);
        return view(record);
    }

    /**
     * Asks the network for a session from the agent's module to its parent's (figure 7) and records
     * it; replaces an earlier session (e.g. one that ended). The session is usable once established.
     */
    public ConversationId connect(AgentId child) {
        SettlementAgentRecord agent = agents.findForUpdate(child).orElseThrow(() -> new IllegalArgumentException("no agent " + child));
        SettlementAgentRecord parent = agents.find(agent.parent()
                .orElseThrow(() -> new IllegalArgumentException("the MSC has no parent to connect to"))).orElseThrow();
        ConversationId session = networkService.establishSession(agent.module(), parent.module());
        agent.connecting(session);
        return session;
    }

    public Optional<AgentView> find(AgentId id) {
        return agents.find(id).map(this::view);
    }

    public List<AgentView> all() {
        return agents.all().stream().map(this::view).toList();
    }

    /** The agent's work items of a cycle, in queue order (state per Settle FX part). */
    public List<WorkView> work(AgentId agent, CycleId cycle) {
        return agents.work(agent, cycle.value()).stream().map(WorkView::of).toList();
    }

    /**
     * An operator retries one side of a transfer part left FAILED (docs/settlement-agents.md, "Operator:
     * retrying a FAILED part"): with the agent's row locked (as the inbox does), the part goes back to
     * AWAITING_READY (payer; READY if its receiver has agreed again since) or PENDING (receiver) with its
     * failures reset, what is settled of it kept, and the agent goes on with its work in this
     * transaction. Both sides of a failed part are retried, each by this call; a receiver retried first
     * agrees, and its READY_TO_RECEIVE is kept by the FAILED payer for the payer's retry.
     *
     * @throws IllegalArgumentException unknown agent; a ref without part number; no such part of the agent in the cycle
     * @throws IllegalStateException the part is not FAILED (DONE, FAILED_COMMIT: a claim; open); its attempts would pass the
     *         message format's 99; or a retry could move money twice (the other side of the part missing, a claim, or having
     *         counted other amounts settled; a FWD whose REFUND its MSA has queued). Nothing changed.
     */
    public WorkView retry(AgentId agentId, CycleId cycle, TransferRef ref) {
        SettlementAgentRecord agent = agents.findForUpdate(agentId).orElseThrow(() -> new IllegalArgumentException("no agent " + agentId));
        if (ref.part() == 0) {
            throw new IllegalArgumentException("retry names a part of a transfer, e.g. " + ref.part(1) + ", not " + ref);
        }
        AgentWorkItem item = agents.work(agentId, cycle.value(), ref)
                .orElseThrow(() -> new IllegalArgumentException("agent " + agentId + " has no part " + ref + " in cycle " + cycle.value()));
        if (item.state() != WorkState.FAILED) {
            throw new IllegalStateException(ref + " of agent " + agentId + " in cycle " + cycle.value() + " is " + item.state()
                    + (item.state() == WorkState.FAILED_COMMIT ? ": a claim through customer service, never a retry" : "")
                    + "; only a FAILED part is retried");
        }
        refuseDoubleMovement(item);
        item.retried(clock.instant());
        LOG.warning(() -> "operator retries " + item.direction() + " " + ref + " of agent " + agentId + " in cycle " + cycle.value()
                + " (attempts " + item.attempts() + ", settled " + item.settled() + "): " + item.state());
        work.advance(agent);
        return WorkView.of(item);
    }

    /**
     * The rules that keep a retry from moving money twice: the other side of the part must exist,
     * must not be a failed commit (a claim), and must have counted the same amounts settled (sides that
     * disagree about what moved are a claim, not a retry); a FWD (MSA to MSC) is not retried once the
     * MSA has queued the REFUND of those debits to its CSA ({@code MsaAgent.refundUnforwarded}: the
     * cycle failed and the money is going back).
     */
    private void refuseDoubleMovement(AgentWorkItem item) {
        String cycle = item.cycle();
        TransferRef ref = item.ref();
        AgentWorkItem other = agents.work(item.peer(), cycle, ref).orElseThrow(() -> new IllegalStateException(
                "agent " + item.peer() + " has no side of " + ref + " in cycle " + cycle + ": nothing would settle a retry"));
        if (other.state() == WorkState.FAILED_COMMIT) {
            throw new IllegalStateException(ref + " of cycle " + cycle + " ended FAILED_COMMIT at " + item.peer()
                    + ": the payer may have paid, a claim through customer service, never a retry");
        }
        if (!other.settled().equals(item.settled())) {
            throw new IllegalStateException(ref + " of cycle " + cycle + ": " + item.agent() + " counts " + item.settled() + " settled, "
                    + item.peer() + " " + other.settled() + "; a retry could move money twice (a claim)");
        }
        if (ref.kind() == TransferRef.Kind.FWD) {
            AgentId msa = item.direction() == AgentWorkItem.Direction.PAY ? item.agent() : item.peer();
            TransferRef refund = TransferRef.of(TransferRef.Kind.REFUND, ref.subject());
            if (!work.parts(msa, cycle, refund).isEmpty()) {
                throw new IllegalStateException(ref + " of cycle " + cycle + " is not retried: " + msa + " has queued " + refund
                        + " (the cycle failed and " + ref.subject() + "'s debits go back to it)");
            }
        }
    }

    /** A fact the agent holds of a cycle, e.g. {@code DECISION} (SUCCESS or FAILURE). */
    public Optional<String> fact(AgentId agent, CycleId cycle, String name) {
        return agents.fact(agent, cycle.value(), name).map(AgentFact::value);
    }

    private AgentView view(SettlementAgentRecord a) {
        boolean connected = a.parentSession().flatMap(s -> network.findConversation(ProtocolConversation.keyOf(s, new ModuleAddress(a.module()))))
                .filter(ProtocolConversation::isSettled).flatMap(ProtocolConversation::outcome)
                .filter(o -> o == Outcome.SESSION_ESTABLISHED).isPresent();
        return new AgentView(a.id(), a.role(), a.module(), a.parent(), a.parentSession(), connected);
    }

    /** An agent as operators see it. */
    public record AgentView(AgentId id, AgentRole role, ModuleId module, Optional<AgentId> parent, Optional<ConversationId> session,
                            boolean connected) {
    }

    /** One transfer part of an agent: transfer, side, peer, amounts, what is settled of them, state, Settle FX attempts and failures, last outcome. */
    public record WorkView(String ref, String direction, AgentId peer, String amounts, String settled, String state, int attempts,
                           int failures, String lastOutcome) {
        static WorkView of(AgentWorkItem w) {
            return new WorkView(w.ref().encode(), w.direction().name(), w.peer(), w.amounts().encode(), w.settled().encode(),
                    w.state().name(), w.attempts(), w.failures(), w.lastOutcome().orElse(null));
        }
    }
}
