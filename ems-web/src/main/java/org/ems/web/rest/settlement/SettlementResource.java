package org.ems.web.rest.settlement;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.ems.money.domain.Money;
import org.ems.settlement.agents.application.AgentDirectory;
import org.ems.settlement.agents.application.AgentDirectory.AgentView;
import org.ems.settlement.agents.application.CsaService;
import org.ems.settlement.agents.application.MscService;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.agents.domain.TransferRef;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleView;
import org.ems.settlement.application.SettlementCycles;
import org.ems.settlement.application.SettlementCycles.SubmittedTrade;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.Trade;
import org.ems.settlement.domain.TradeId;
import org.ems.settlement.gross.GrossSettlementService;
import org.ems.settlement.gross.InstructionView;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.SettlementInstruction;
import org.ems.web.rest.settlement.AgentJson.AgentCycle;
import org.ems.web.rest.settlement.AgentJson.Registration;
import org.ems.web.rest.settlement.InstructionJson.Instruction;

/**
 * The netting system's cycles for operators: open a cycle (idempotent by cycle id), submit a
 * trade as its EMS-TRADE/1 line (idempotent by trade id: 201 when booked, 200 when exactly this
 * trade was submitted before), rescind one before the cut-off, close the cycle at its cut-off, and
 * view its state, settlement progress, multilateral positions and funding with the liquidity
 * saving per currency. Amounts are minor units with an ISO 4217 currency. Refused trades are 422
 * with the refusal's code ({@code trade.UNKNOWN_COUNTERPARTY}, ...).
 *
 * <p>The settlement agents (figures 26 and 29, docs/settlement-agents.md): the directory (register
 * an agent, connect its module to its parent's), each agent's work and decision per cycle, the MSC's
 * start of a closed cycle's settlement and its phase, a CSA host's "funds acquired", and an operator's
 * retry of a transfer part left FAILED. Gross and
 * bilateral instructions (figure 28, docs/gross-settlement.md): submit (idempotent by id: 201 when
 * stored, 200 when exactly these terms were submitted before) and view. Bad arguments are 400, an
 * unknown agent, cycle or instruction 404, a wrong state or other terms under a used id 409, an
 * agent's refusal 422 with {@code agent.<REFUSAL>}.
 */
@Path("/settlement")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "admin"})
public class SettlementResource {

    @Inject SettlementCycles cycles;
    @Inject AgentDirectory agents;
    @Inject MscService msc;
    @Inject CsaService csas;
    @Inject GrossSettlementService gross;

    public record Amount(long minor, String currency) {

        static Amount of(Money money) {
            return new Amount(money.amountMinor(), money.currency().code());
        }
    }

    /** A cycle to open: its id, value date (yyyy-mm-dd), cut-off (ISO 8601 instant) and counterparty codes. */
    public record OpenRequest(String id, String valueDate, String cutOff, List<String> counterparties) {
    }

    /** A trade to submit, as its canonical line. */
    public record TradeRequest(String line) {
    }

    public record PositionJson(String counterparty, Amount net, Amount grossPays, Amount grossReceives) {
    }

    /** Funding in one currency per basis; the saving is multilateral against gross. */
    public record FundingJson(String currency, Amount gross, Amount bilateral, Amount multilateral, Amount saved, long savingBasisPoints) {
    }

    public record Progress(int positionsToSettle, int paidIn, int paidOut, int failed) {
    }

    public record CycleJson(String id, String valueDate, String cutOff, String state, List<String> counterparties, int trades,
                            int rescinded, Progress progress, String openedAt, String closedAt, String finishedAt,
                            List<PositionJson> positions, List<FundingJson> funding) {

        static CycleJson of(CycleView v) {
            return new CycleJson(v.id().value(), v.valueDate().toString(), v.cutOff().toString(), v.state().name(),
                    v.counterparties().stream().map(CounterpartyId::code).toList(), v.trades(), v.rescinded(),
                    new Progress(v.positionsToSettle(), v.paidIn(), v.paidOut(), v.failed()), text(v.openedAt()), text(v.closedAt()),
                    text(v.finishedAt()),
                    v.positions().stream().map(p -> new PositionJson(p.counterparty().code(), Amount.of(p.net()), Amount.of(p.grossPays()),
                            Amount.of(p.grossReceives()))).toList(),
                    v.funding().stream().map(f -> new FundingJson(f.gross().currency().code(), Amount.of(f.gross()),
                            Amount.of(f.bilateral()), Amount.of(f.multilateral()), Amount.of(f.saved()), f.savingBasisPoints())).toList());
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /** A trade of a cycle: its line, place in the cycle, and whether it is rescinded; {@code changed}: whether this call changed it. */
    public record TradeJson(String cycle, String tradeId, String line, int sequence, boolean rescinded, boolean changed) {

        static TradeJson of(CycleId cycle, SubmittedTrade t, boolean changed) {
            return new TradeJson(cycle.value(), t.trade().id().value(), t.trade().encode(), t.sequence(), t.rescinded(), changed);
        }
    }

    @POST
    @Path("/cycles")
    public Response open(OpenRequest request) {
        require(request != null && request.id() != null && request.valueDate() != null && request.cutOff() != null
                && request.counterparties() != null, "id, valueDate, cutOff and counterparties are required");
        LocalDate valueDate;
        Instant cutOff;
        try {
            valueDate = LocalDate.parse(request.valueDate());
            cutOff = Instant.parse(request.cutOff());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("valueDate is yyyy-mm-dd and cutOff an ISO 8601 instant: " + e.getParsedString());
        }
        CycleView view = cycles.open(new CycleId(request.id()), valueDate, cutOff,
                request.counterparties().stream().map(CounterpartyId::new).toList());
        return Response.status(201).entity(CycleJson.of(view)).build();
    }

    /** The most recently opened cycles (at most 200), without positions. */
    @GET
    @Path("/cycles")
    public List<CycleJson> cycles() {
        return cycles.recent().stream().map(CycleJson::of).toList();
    }

    @GET
    @Path("/cycles/{id}")
    public CycleJson cycle(@PathParam("id") String id) {
        return cycles.find(new CycleId(id)).map(CycleJson::of).orElseThrow(() -> new NotFoundException("no settlement cycle " + id));
    }

    @POST
    @Path("/cycles/{id}/trades")
    public Response submit(@PathParam("id") String id, TradeRequest request) {
        require(request != null && request.line() != null, "line is required");
        CycleId cycle = new CycleId(id);
        Trade trade = Trade.decode(request.line());
        boolean booked = cycles.submit(cycle, trade);
        SubmittedTrade stored = cycles.trade(cycle, trade.id()).orElseThrow();
        return Response.status(booked ? 201 : 200).entity(TradeJson.of(cycle, stored, booked)).build();
    }

    @GET
    @Path("/cycles/{id}/trades/{trade}")
    public TradeJson trade(@PathParam("id") String id, @PathParam("trade") String trade) {
        CycleId cycle = new CycleId(id);
        return cycles.trade(cycle, new TradeId(trade)).map(t -> TradeJson.of(cycle, t, false))
                .orElseThrow(() -> new NotFoundException("no trade " + trade + " in cycle " + id));
    }

    /** Rescinds a trade before the cut-off; again, it changes nothing. */
    @DELETE
    @Path("/cycles/{id}/trades/{trade}")
    public TradeJson rescind(@PathParam("id") String id, @PathParam("trade") String trade) {
        CycleId cycle = new CycleId(id);
        TradeId tradeId = new TradeId(trade);
        boolean rescinded = cycles.rescind(cycle, tradeId);
        return TradeJson.of(cycle, cycles.trade(cycle, tradeId).orElseThrow(), rescinded);
    }

    /** Closes the cycle at or after its cut-off and nets it; closing a closed cycle returns it as it is. */
    @POST
    @Path("/cycles/{id}/closing")
    public CycleJson close(@PathParam("id") String id) {
        return CycleJson.of(cycles.close(new CycleId(id)));
    }

    /** The settlement agents: id, role, money module, parent, session to the parent, whether it is established. */
    @GET
    @Path("/agents")
    public List<AgentJson.Agent> agents() {
        return agents.all().stream().map(AgentJson.Agent::of).toList();
    }

    @GET
    @Path("/agents/{id}")
    public AgentJson.Agent agent(@PathParam("id") String id) {
        return AgentJson.Agent.of(knownAgent(id));
    }

    /**
     * Registers an agent (201); exactly this registration again returns it (200). Another
     * registration under the id, a module another agent uses or a second MSC is 409.
     */
    @POST
    @Path("/agents")
    public Response register(AgentJson.RegisterRequest request) {
        require(request != null, "id, role, module and parent are required");
        Registration r = request.parse();
        boolean existed = agents.find(r.id()).isPresent();
        AgentView view = agents.register(r.id(), r.role(), r.module(), r.parent());
        return Response.status(existed ? 200 : 201).entity(AgentJson.Agent.of(view)).build();
    }

    /** Asks the network for a session from the agent's module to its parent's (202: it is established asynchronously). */
    @POST
    @Path("/agents/{id}/connection")
    public Response connect(@PathParam("id") String id) {
        AgentView agent = knownAgent(id);
        require(agent.parent().isPresent(), "the MSC has no parent to connect to");
        return Response.status(202).entity(new AgentJson.Connection(agent.id().value(), agents.connect(agent.id()).toString())).build();
    }

    /** The agent's work items of a cycle in queue order, its decision (MSA, CSA) or the MSC's phase. */
    @GET
    @Path("/agents/{id}/cycles/{cycle}")
    public AgentCycle agentCycle(@PathParam("id") String id, @PathParam("cycle") String cycle) {
        AgentView agent = knownAgent(id);
        CycleId cycleId = new CycleId(cycle);
        Optional<String> phase = agent.role() == AgentRole.MSC ? msc.phase(cycleId) : Optional.empty();
        return AgentCycle.of(agent, cycleId, agents.fact(agent.id(), cycleId, "DECISION"), phase, agents.work(agent.id(), cycleId));
    }

    /**
     * An operator retries one side of a transfer part left FAILED (docs/settlement-agents.md, "Operator:
     * retrying a FAILED part"): the part goes back to work with its failures reset and the agent goes on
     * in the same transaction. The ref names the part, {@code KIND.SUBJECT/part} (e.g. {@code IN.A/1}),
     * with its slash as it is or URL-encoded ({@code IN.A%2F1}). 200 with the part; 400 a ref that names
     * no part; 404 an unknown agent, or a part the agent does not have in the cycle; 409 a part that is
     * not FAILED or a retry that is refused (it could move money twice, or would pass attempt 99).
     */
    @POST
    @Path("/agents/{id}/cycles/{cycle}/work/{ref: .+}/retry")
    public AgentJson.Work retry(@PathParam("id") String id, @PathParam("cycle") String cycle, @PathParam("ref") String ref) {
        AgentView agent = knownAgent(id);
        CycleId cycleId = new CycleId(cycle);
        TransferRef part = AgentJson.transferPart(ref);
        if (agents.work(agent.id(), cycleId).stream().noneMatch(w -> w.ref().equals(part.encode()))) {
            throw new NotFoundException("agent " + id + " has no part " + part + " in cycle " + cycle);
        }
        return AgentJson.Work.of(agents.retry(agent.id(), cycleId, part));
    }

    /**
     * A CSA's host funded its module (e.g. a withdrawal): the CSA pays in if it holds its debits.
     * {@code told}: whether its MSA was told (false while it holds less, without debit data, after the decision).
     */
    @POST
    @Path("/agents/{id}/cycles/{cycle}/funds-acquired")
    public AgentJson.FundsAcquired fundsAcquired(@PathParam("id") String id, @PathParam("cycle") String cycle) {
        AgentView agent = knownAgent(id);
        require(agent.role() == AgentRole.CSA, id + " is an " + agent.role() + ", not a CSA");
        CycleId cycleId = new CycleId(cycle);
        boolean told = csas.fundsAcquired(agent.id(), cycleId);
        return new AgentJson.FundsAcquired(agent.id().value(), cycleId.value(), told);
    }

    /**
     * The MSC starts a CLOSED cycle's settlement with its settlement time (step 3148); the same time
     * again returns it. 404 for an unknown cycle; 409 for a cycle not CLOSED, another time, a
     * counterparty with a position but no connected CSA, no MSC.
     */
    @POST
    @Path("/cycles/{id}/settlement")
    public AgentJson.Settlement startSettlement(@PathParam("id") String id, AgentJson.SettlementRequest request) {
        require(request != null && request.settlementTime() != null, "settlementTime is required");
        Instant time;
        try {
            time = Instant.parse(request.settlementTime());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("settlementTime is an ISO 8601 instant: " + request.settlementTime());
        }
        CycleId cycle = knownCycle(id);
        CycleView view = msc.start(cycle, time);
        return settlement(view, msc.phase(cycle));
    }

    /** The MSC's phase of the cycle (SETTLING, SUCCESS, FAILURE, SETTLED) with the cycle's state and progress; 404 before it starts. */
    @GET
    @Path("/cycles/{id}/settlement")
    public AgentJson.Settlement settlement(@PathParam("id") String id) {
        CycleId cycle = knownCycle(id);
        Optional<String> phase = msc.phase(cycle);
        if (phase.isEmpty()) {
            throw new NotFoundException("the MSC has not started settling cycle " + id);
        }
        return settlement(cycles.find(cycle).orElseThrow(), phase);
    }

    /** Submits a gross or bilateral instruction: 201 stored, 200 exactly these terms before, 409 other terms under the id. */
    @POST
    @Path("/instructions")
    public Response submitInstruction(InstructionJson.Request request) {
        require(request != null, "an instruction is required");
        SettlementInstruction instruction = request.parse();
        boolean existed = gross.instruction(instruction.id()).isPresent();
        InstructionView view = gross.submit(instruction);
        return Response.status(existed ? 200 : 201).entity(Instruction.of(view)).build();
    }

    @GET
    @Path("/instructions/{id}")
    public Instruction instruction(@PathParam("id") String id) {
        return gross.instruction(new InstructionId(id)).map(Instruction::of)
                .orElseThrow(() -> new NotFoundException("no settlement instruction " + id));
    }

    private AgentView knownAgent(String id) {
        return agents.find(new AgentId(id)).orElseThrow(() -> new NotFoundException("no settlement agent " + id));
    }

    private CycleId knownCycle(String id) {
        CycleId cycle = new CycleId(id);
        if (cycles.find(cycle).isEmpty()) {
            throw new NotFoundException("no settlement cycle " + id);
        }
        return cycle;
    }

    private static AgentJson.Settlement settlement(CycleView v, Optional<String> phase) {
        return new AgentJson.Settlement(v.id().value(), phase.orElse(null), v.state().name(),
                new Progress(v.positionsToSettle(), v.paidIn(), v.paidOut(), v.failed()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
