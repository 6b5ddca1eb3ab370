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
import org.ems.money.domain.Money;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleView;
import org.ems.settlement.application.SettlementCycles;
import org.ems.settlement.application.SettlementCycles.SubmittedTrade;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.Trade;
import org.ems.settlement.domain.TradeId;

/**
 * The netting system's cycles for operators: open a cycle (idempotent by cycle id), submit a
 * trade as its EMS-TRADE/1 line (idempotent by trade id: 201 when booked, 200 when exactly this
 * trade was submitted before), rescind one before the cut-off, close the cycle at its cut-off, and
 * view its state, settlement progress, multilateral positions and funding with the liquidity
 * saving per currency. Amounts are minor units with an ISO 4217 currency. Refused trades are 422
 * with the refusal's code ({@code trade.UNKNOWN_COUNTERPARTY}, ...).
 */
@Path("/settlement")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "admin"})
public class SettlementResource {

    @Inject SettlementCycles cycles;

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

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
