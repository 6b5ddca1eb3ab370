package org.ems.web.rest.provider;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.LedgerAmount;
import org.ems.provider.application.MerchantTerminalService;
import org.ems.provider.application.MerchantTerminalService.SettlementRequest;
import org.ems.provider.application.Outcome;
import org.ems.provider.application.ProviderAdministration;
import org.ems.provider.application.ProviderHostService;
import org.ems.provider.application.ProviderTerminalService;
import org.ems.provider.application.TerminalLine;
import org.ems.provider.domain.CallbackCall;
import org.ems.provider.domain.Charge;
import org.ems.provider.domain.EmoneyIssue;
import org.ems.provider.domain.EmoneyPiece;
import org.ems.provider.domain.SettlementBatch;
import org.ems.provider.domain.SettlementInstruction;
import org.ems.provider.domain.SettlementKey;
import org.ems.provider.domain.Terminal;

/**
 * The e-money provider scheme (JP H9-147043) for operators and the terminals' host software:
 * the provider's accounts, terminals (each bank assigns the bank-POS ids, the provider provisions
 * the callback key), IC cards, a charge at a provider terminal (figure 6), a sale at a merchant
 * terminal (figure 7), a merchant's settlement (figure 8) and the provider's position per bank.
 *
 * <p>Each step of each party is its own transaction (this resource runs none of its own, except
 * for registering a terminal, an administrative act done all or nothing). The terminal's steps
 * after a request (answering the host's call back, writing the e-money, sending the transfer) run
 * here one after the other, as the terminal's software runs them. Idempotency: a charge by its
 * {@code chargeKey} per terminal, a sale by its {@code saleKey} per terminal, a settlement by its
 * settlement key ({@code stl/<terminal>/<yyyymmdd>/<seq>}: "settle" while a batch is unfinished
 * presents that batch again); registering a terminal, account or card twice is refused and changes
 * nothing. Refusals come back as problems {@code provider.<REASON>} (422).
 */
@Path("/provider")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "admin"})
public class ProviderResource {

    @Inject ProviderAdministration admin;
    @Inject ProviderHostService host;
    @Inject ProviderTerminalService chargers;
    @Inject MerchantTerminalService merchants;
    @Inject TerminalLine line;
    @Inject BankHostService banks;

    public record Amount(long minor, String currency) {

        static Amount of(LedgerAmount amount) {
            return new Amount(amount.minor(), amount.currency());
        }

        LedgerAmount toLedger() {
            require(currency != null, "currency is required");
            return LedgerAmount.of(minor, currency);
        }
    }

    /** The provider's account at one bank and its PIN (kept sealed by the host). */
    public record AccountRequest(String account, String pin) {
    }

    /** A terminal: its id, PROVIDER or MERCHANT, and (merchant) the account its bank assigns it to. */
    public record TerminalRequest(String terminalId, String kind, String merchantAccount) {
    }

    /** A registered terminal and its bank-POS id at each bank (provider: one per provider account). */
    public record TerminalView(String terminalId, String kind, List<String> posIds) {
    }

    public record CardRequest(String cardId, String currency, String pin) {
    }

    public record CardView(String cardId, Amount balance) {
    }

    /** A charge: the terminal's key, the user's account (cash card), its PIN, the amount. */
    public record ChargeRequest(String chargeKey, String account, String pin, Amount amount) {
    }

    /** The IC card inserted for a charge and its PIN. */
    public record CardInsertion(String cardId, String pin) {
    }

    public record ChargeView(String id, String terminal, String state, String bankRefusal, Amount cardBalance) {
    }

    /** A sale: the terminal's key, the card, its PIN, the price. */
    public record SaleRequest(String saleKey, String cardId, String pin, Amount price) {
    }

    public record SaleView(String terminal, String saleKey, Amount price, int pieces) {
    }

    /** "Settle" at a merchant terminal; the business day defaults to the terminal's today. */
    public record SettlementStart(String businessDay) {
    }

    public record SettlementView(String key, String businessDay, int sequence, Amount total, int pieces, String state,
                                 String bankRefusal) {
    }

    public record BankPosition(String bank, String account, Amount balance) {
    }

    /**
     * What the provider holds at each bank, and per currency the e-money issued and not settled
     * (what merchants can still present) beside the sum of its accounts ({@code covered} when the
     * accounts hold at least that much).
     */
    public record Position(List<BankPosition> banks, List<Coverage> coverage) {
    }

    public record Coverage(Amount accounts, Amount outstandingEmoney, boolean covered) {
    }

    @POST
    @Path("/accounts")
    public Response registerAccount(AccountRequest request) {
        require(request != null && request.account() != null && request.pin() != null, "account and pin are required");
        AccountNumber account = AccountNumber.parse(request.account());
        admin.registerAccount(account, request.pin().toCharArray());
        return Response.status(201).entity(new BankPosition(account.bank().code(), account.toString(), Amount.of(banks.balance(account))))
                .build();
    }

    /**
     * Registers a terminal: its bank(s) assign the bank-POS id (a merchant terminal's to the
     * merchant's account; a provider terminal's {@code <terminal>-<bank>} to the provider's account
     * at each bank) and the provider provisions its callback key, in one transaction.
     */
    @POST
    @Path("/terminals")
    @Transactional
    public Response registerTerminal(TerminalRequest request) {
        require(request != null && request.terminalId() != null && request.kind() != null, "terminalId and kind are required");
        List<String> posIds = new ArrayList<>();
        switch (request.kind()) {
            case "PROVIDER" -> {
                require(request.merchantAccount() == null, "a provider terminal has no merchant account");
                List<AccountNumber> accounts = admin.providerAccounts();
                require(!accounts.isEmpty(), "the provider holds no bank account yet");
                admin.registerProviderTerminal(request.terminalId());
                for (AccountNumber account : accounts) {
                    String posId = Terminal.providerPosId(request.terminalId(), account.bank());
                    banks.assignTerminal(posId, account);
                    posIds.add(posId);
                }
            }
            case "MERCHANT" -> {
                require(request.merchantAccount() != null, "a merchant terminal needs merchantAccount");
                AccountNumber merchant = AccountNumber.parse(request.merchantAccount());
                banks.assignTerminal(request.terminalId(), merchant);
                admin.registerMerchantTerminal(request.terminalId(), merchant);
                posIds.add(request.terminalId());
            }
            default -> throw new IllegalArgumentException("kind is PROVIDER or MERCHANT");
        }
        return Response.status(201).entity(new TerminalView(request.terminalId(), request.kind(), posIds)).build();
    }

    @POST
    @Path("/cards")
    public Response issueCard(CardRequest request) {
        require(request != null && request.cardId() != null && request.currency() != null && request.pin() != null,
                "cardId, currency and pin are required");
        admin.issueCard(request.cardId(), request.currency(), request.pin().toCharArray());
        return Response.status(201).entity(card(request.cardId())).build();
    }

    @GET
    @Path("/cards/{id}")
    public CardView card(@PathParam("id") String cardId) {
        return new CardView(cardId, Amount.of(admin.cardBalance(cardId)));
    }

    /** Figure 6, first step: the bank-POS sale into the provider's account at the user's bank (202: the bank answers later). */
    @POST
    @Path("/provider-terminals/{terminal}/charges")
    public Response charge(@PathParam("terminal") String terminal, ChargeRequest request) {
        require(request != null && request.account() != null && request.pin() != null && request.amount() != null,
                "account, pin and amount are required");
        UUID id = chargers.charge(terminal, request.chargeKey(), AccountNumber.parse(request.account()), request.pin().toCharArray(),
                request.amount().toLedger());
        return Response.status(202).entity(chargeView(terminal, id, null)).build();
    }

    @GET
    @Path("/provider-terminals/{terminal}/charges/{id}")
    public ChargeView chargeState(@PathParam("terminal") String terminal, @PathParam("id") String id) {
        return chargeView(terminal, parseId(id), null);
    }

    /**
     * Figure 6, once the bank approved: the card is inserted and unlocked, the terminal asks the
     * host for the e-money, answers its call back and writes the issue to the card. Repeatable:
     * a charge already paid out answers its state and the card's balance.
     */
    @POST
    @Path("/provider-terminals/{terminal}/charges/{id}/card")
    public ChargeView insertCard(@PathParam("terminal") String terminal, @PathParam("id") String id, CardInsertion request) {
        require(request != null && request.cardId() != null && request.pin() != null, "cardId and pin are required");
        UUID chargeId = parseId(id);
        if (chargers.state(chargeId) != Charge.State.ISSUED) {
            chargers.insertCard(chargeId, request.cardId(), request.pin().toCharArray()).orThrow();
            CallbackCall call = host.requestEmoney(terminal, chargeId);
            byte[] answer = line.answer(terminal, call);
            EmoneyIssue issue = host.answerEmoneyCallback(call.challengeId(), answer).orThrow();
            chargers.writeEmoney(chargeId, issue);
        }
        return chargeView(terminal, chargeId, request.cardId());
    }

    /** Figure 7: the price moves offline from the card to the merchant terminal (201). */
    @POST
    @Path("/merchant-terminals/{terminal}/sales")
    public Response sell(@PathParam("terminal") String terminal, SaleRequest request) {
        require(request != null && request.cardId() != null && request.pin() != null && request.price() != null,
                "cardId, pin and price are required");
        Outcome<List<EmoneyPiece>> sold = merchants.sell(terminal, request.saleKey(), request.cardId(), request.pin().toCharArray(),
                request.price().toLedger());
        List<EmoneyPiece> pieces = sold.orThrow();
        return Response.status(201).entity(new SaleView(terminal, request.saleKey(), request.price(), pieces.size())).build();
    }

    /**
     * Figure 8 up to the bank: the day's e-money moves into a batch (or the unfinished batch is
     * presented again), the host calls the terminal back, verifies and claims the e-money and
     * instructs the transfer, which the terminal sends (202: the bank answers later).
     */
    @POST
    @Path("/merchant-terminals/{terminal}/settlements")
    public Response settle(@PathParam("terminal") String terminal, SettlementStart request) {
        LocalDate day = request == null || request.businessDay() == null ? merchants.businessDay() : parseDay(request.businessDay());
        SettlementRequest batch = merchants.startSettlement(terminal, day);
        CallbackCall call = host.requestSettlement(batch.key(), batch.total(), batch.pieces());
        byte[] answer = line.answer(terminal, call);
        SettlementInstruction instruction = host.answerSettlementCallback(call.challengeId(), answer).orThrow();
        merchants.transfer(terminal, instruction);
        return Response.status(202).entity(new SettlementView(batch.key().toString(), batch.key().businessDay().toString(),
                batch.key().sequence(), Amount.of(instruction.total()), batch.pieces().size(), SettlementBatch.State.TRANSFER_SENT.name(),
                null)).build();
    }

    /** Figure 8, last step: takes the bank's answer if there is one (SETTLED, RETURNED, or still TRANSFER_SENT). */
    @POST
    @Path("/merchant-terminals/{terminal}/settlements/{day}/{sequence}/completion")
    public SettlementView complete(@PathParam("terminal") String terminal, @PathParam("day") String day,
                                   @PathParam("sequence") int sequence) {
        SettlementKey key = new SettlementKey(terminal, parseDay(day), sequence);
        SettlementBatch.State state = merchants.completeSettlement(terminal, key);
        String refusal = merchants.bankRefusal(terminal, key).map(BankRefusal::name).orElse(null);
        return new SettlementView(key.toString(), key.businessDay().toString(), key.sequence(), null, 0, state.name(), refusal);
    }

    /** The provider's position: its balance at each bank and, per currency, the e-money it still owes merchants. */
    @GET
    @Path("/position")
    public Position position() {
        List<BankPosition> perBank = new ArrayList<>();
        Map<String, Long> sums = new LinkedHashMap<>();
        for (AccountNumber account : admin.providerAccounts()) {
            LedgerAmount balance = banks.balance(account);
            perBank.add(new BankPosition(account.bank().code(), account.toString(), Amount.of(balance)));
            sums.merge(balance.currency(), balance.minor(), Math::addExact);
        }
        List<Coverage> coverage = new ArrayList<>();
        sums.forEach((currency, sum) -> {
            LedgerAmount outstanding = admin.outstandingEmoney(currency);
            coverage.add(new Coverage(new Amount(sum, currency), Amount.of(outstanding), sum >= outstanding.minor()));
        });
        return new Position(perBank, coverage);
    }

    private ChargeView chargeView(String terminal, UUID id, String cardId) {
        Charge.State state = chargers.state(id);
        String refusal = chargers.bankRefusal(id).map(BankRefusal::name).orElse(null);
        Amount balance = cardId == null ? null : Amount.of(admin.cardBalance(cardId));
        return new ChargeView(id.toString(), terminal, state.name(), refusal, balance);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a charge id: " + id);
        }
    }

    private static LocalDate parseDay(String day) {
        try {
            return day.length() == 8 ? LocalDate.parse(day, DateTimeFormatter.BASIC_ISO_DATE) : LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a business day is yyyy-mm-dd or yyyymmdd: " + day);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
