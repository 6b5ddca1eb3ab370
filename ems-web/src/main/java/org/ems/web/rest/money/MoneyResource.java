package org.ems.web.rest.money;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.ems.bank.domain.AccountNumber;
import org.ems.money.application.Proposals;
import org.ems.money.application.Proposals.ProposalView;
import org.ems.money.application.FxService;
import org.ems.money.application.NoteCustody;
import org.ems.money.application.PaymentService;
import org.ems.money.application.SettleFxService;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.teller.ConservationCheck;
import org.ems.money.teller.ConservationReport;
import org.ems.money.teller.DeskService;
import org.ems.money.teller.TellerService;
import org.ems.money.teller.TellerService.OperationView;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * Money for host applications: the banks' desks (whom to open a session with), a module's
 * balance, withdrawals and deposits at a teller inside the module's session with it, payment
 * requests (the payee proposes, the payer confirms or rejects) and exchange offers (A offers,
 * B confirms or rejects). Every command carries an
 * idempotency key; sending it again returns the first result. Amounts are minor units with an
 * ISO 4217 currency. Operators see the conservation check.
 */
@Path("/money")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "admin"})
public class MoneyResource {

    @Inject DeskService desks;
    @Inject TellerService tellers;
    @Inject PaymentService payments;
    @Inject Proposals proposals;
    @Inject ConservationCheck conservation;
    @Inject FxService exchanges;
    @Inject SettleFxService settlements;
    @Inject NoteCustody custody;

    public record Amount(long minor, String currency) {

        static Amount of(Money money) {
            return new Amount(money.amountMinor(), money.currency().code());
        }

        Money toMoney() {
            if (currency == null) {
                throw new IllegalArgumentException("currency is required");
            }
            return Money.of(CurrencyCode.of(currency), minor);
        }
    }

    /** A withdrawal or deposit: the session with the bank's teller, the account, the amount, the key. */
    public record TellerRequest(String session, String account, Amount amount, String idempotencyKey) {
    }

    public record Operation(String id, String kind, String phase, Amount amount, Amount returned, Amount payout, String bankRefusal,
                            boolean waiting) {

        static Operation of(OperationView v) {
            return new Operation(v.id(), v.kind(), v.phase(), Amount.of(v.amount()), Amount.of(v.returned()), Amount.of(v.payout()),
                    v.bankRefusal(), v.waiting());
        }
    }

    /** A payment request: the session with the payer, the payer, the amount, the payee's key. */
    public record PaymentRequest(String session, Long payer, Amount amount, String idempotencyKey) {
    }

    /** An exchange offer: the session with B, B, what A gives and what it takes, A's key. */
    public record ExchangeRequest(String session, Long peer, Amount give, Amount take, String idempotencyKey) {
    }

    /** A payment request (proposer = payee) or exchange offer (proposer = A, amount given, take taken), and its answer. */
    public record Proposal(String id, String kind, long proposer, long answerer, String session, Amount amount, Amount take,
                           String state, String conversation) {

        static Proposal of(ProposalView v) {
            return new Proposal(v.id(), v.kind(), v.proposer(), v.answerer(), v.session(), Amount.of(v.amount()),
                    v.take() == null ? null : Amount.of(v.take()), v.state(), v.conversation());
        }
    }

    public record Conservation(String currency, Amount issued, Amount retired, Amount held, Amount inTransit, Amount failedCommits,
                               Amount owedByTellers, Amount bankClearing, int operationsInFlight, List<String> banksUnbalanced,
                               boolean holds) {

        static Conservation of(ConservationReport r) {
            return new Conservation(r.currency(), Amount.of(r.issued()), Amount.of(r.retired()), Amount.of(r.held()),
                    Amount.of(r.inTransit()), Amount.of(r.failedCommits()), Amount.of(r.owedByTellers()), Amount.of(r.bankClearing()),
                    r.operationsInFlight(), r.banksUnbalanced(), r.holds());
        }
    }

    @GET
    @Path("/desks")
    public List<DeskService.DeskView> desks() {
        return desks.desks();
    }

    @GET
    @Path("/modules/{id}/balances/{currency}")
    public Amount balance(@PathParam("id") long id, @PathParam("currency") String currency) {
        return Amount.of(payments.balance(new ModuleId(id), CurrencyCode.of(currency)));
    }

    /** What the module holds, per currency. */
    @GET
    @Path("/modules/{id}/balances")
    public List<Amount> balances(@PathParam("id") long id) {
        return exchanges.balances(new ModuleId(id)).values().stream().map(Amount::of).toList();
    }

    public record HeldNoteView(String noteId, String issuingBank, Amount remaining, int transfers, String expiresAt) {
    }

    /** The module's note directory: each note it holds, what is left of it, its transfers so far. */
    @GET
    @Path("/modules/{id}/notes")
    public List<HeldNoteView> notes(@PathParam("id") long id) {
        return custody.notes(new ModuleId(id)).stream().map(h -> new HeldNoteView(h.id().toString(), h.note().body().issuingBankId(),
                Amount.of(h.remaining()), h.transferCount(), h.expiresAt().toString())).toList();
    }

    /** One log entry: its kind and direction, the conversation, and its notes' total per currency. */
    public record LogLineView(String kind, String direction, String conversation, List<Amount> totals) {
    }

    /** The module's transaction log, oldest first. */
    @GET
    @Path("/modules/{id}/log")
    public List<LogLineView> log(@PathParam("id") long id) {
        return settlements.log(new ModuleId(id)).stream()
                .map(l -> new LogLineView(l.kind(), l.direction(), l.conversation(), l.totals().values().stream().map(Amount::of).toList()))
                .toList();
    }

    @POST
    @Path("/modules/{id}/withdrawals")
    public Response withdraw(@PathParam("id") long id, TellerRequest request) {
        requireTeller(request);
        return accepted(tellers.withdraw(new ModuleId(id), ConversationId.parse(request.session()), AccountNumber.parse(request.account()),
                request.amount().toMoney(), request.idempotencyKey()));
    }

    @POST
    @Path("/modules/{id}/deposits")
    public Response deposit(@PathParam("id") long id, TellerRequest request) {
        requireTeller(request);
        return accepted(tellers.deposit(new ModuleId(id), ConversationId.parse(request.session()), AccountNumber.parse(request.account()),
                request.amount().toMoney(), request.idempotencyKey()));
    }

    @GET
    @Path("/modules/{id}/teller-operations/{key}")
    public Operation operation(@PathParam("id") long id, @PathParam("key") String key) {
        return tellers.operation(new ModuleId(id), key).map(Operation::of)
                .orElseThrow(() -> new IllegalArgumentException("no teller operation " + key + " of module " + id));
    }

    @POST
    @Path("/modules/{id}/payment-requests")
    public Response propose(@PathParam("id") long payee, PaymentRequest request) {
        require(request != null && request.session() != null && request.payer() != null && request.amount() != null,
                "session, payer and amount are required");
        ProposalView view = proposals.propose(new ModuleId(payee), ConversationId.parse(request.session()), new ModuleId(request.payer()),
                request.amount().toMoney(), request.idempotencyKey());
        return Response.status(201).entity(Proposal.of(view)).build();
    }

    @POST
    @Path("/modules/{id}/exchange-offers")
    public Response offerExchange(@PathParam("id") long a, ExchangeRequest request) {
        require(request != null && request.session() != null && request.peer() != null && request.give() != null && request.take() != null,
                "session, peer, give and take are required");
        ProposalView view = proposals.proposeExchange(new ModuleId(a), ConversationId.parse(request.session()), new ModuleId(request.peer()),
                request.give().toMoney(), request.take().toMoney(), request.idempotencyKey());
        return Response.status(201).entity(Proposal.of(view)).build();
    }

    /** Payment requests and exchange offers waiting for this module's answer. */
    @GET
    @Path("/modules/{id}/proposals")
    public List<Proposal> pending(@PathParam("id") long answerer) {
        return proposals.pending(new ModuleId(answerer)).stream().map(Proposal::of).toList();
    }

    @POST
    @Path("/modules/{id}/proposals/{proposal}/confirmation")
    public Response confirm(@PathParam("id") long answerer, @PathParam("proposal") String proposal) {
        return Response.status(202).entity(Proposal.of(proposals.confirm(new ModuleId(answerer), proposal))).build();
    }

    @POST
    @Path("/modules/{id}/proposals/{proposal}/rejection")
    public Proposal reject(@PathParam("id") long answerer, @PathParam("proposal") String proposal) {
        return Proposal.of(proposals.reject(new ModuleId(answerer), proposal));
    }

    @GET
    @Path("/conservation")
    public List<Conservation> conservation() {
        return conservation.run().stream().map(Conservation::of).toList();
    }

    private static Response accepted(OperationView view) {
        return Response.status(202).entity(Operation.of(view)).build();
    }

    private static void requireTeller(TellerRequest request) {
        require(request != null && request.session() != null && request.account() != null && request.amount() != null,
                "session, account and amount are required");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
