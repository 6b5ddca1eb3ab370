package org.ems.provider.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.ems.bank.application.BankReplies;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.domain.NoteTransferKey;
import org.ems.money.domain.NoteVerifier;
import org.ems.money.protocol.NoteSigner;
import org.ems.money.protocol.PaymentVerifier;
import org.ems.network.domain.ConversationId;
import org.ems.provider.domain.CardPurse;
import org.ems.provider.domain.EmoneyPurse;
import org.ems.provider.domain.HostSettlement;
import org.ems.provider.domain.EmoneyPiece;
import org.ems.provider.domain.HeldEmoney;
import org.ems.provider.domain.IcCard;
import org.ems.provider.domain.ProviderRefusal;
import org.ems.provider.domain.ProviderRefusedException;
import org.ems.provider.domain.SettlementBatch;
import org.ems.provider.domain.SettlementInstruction;
import org.ems.provider.domain.SettlementKey;
import org.ems.provider.domain.Terminal;
import org.ems.provider.domain.TerminalKind;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * A merchant terminal: offline sales against IC cards (figure 7) and the day's settlement
 * (figure 8). Order of the settlement steps, each its own transaction (docs/provider.md says why):
 * move the held e-money into a batch under its settlement key ({@link #startSettlement}); after
 * the host's callback, send the bank-POS transfer its instruction authorises ({@link #transfer});
 * on the bank's answer, erase the batch's e-money for good (approved) or give the batch back for a
 * retry under the same key (refused) ({@link #completeSettlement}).
 */
@Stateless
public class MerchantTerminalService {

    private static final Logger LOG = Logger.getLogger(MerchantTerminalService.class.getName());
    /** terminal id (at most 32) + "/" + sale key: within the purse's 64-character idempotency key. */
    public static final int MAX_SALE_KEY_LENGTH = 31;

    /** What the terminal presents to the host: the batch's key, its total and its notes with their transfer histories. */
    public record SettlementRequest(SettlementKey key, LedgerAmount total, List<EmoneyPiece> pieces) {
        public SettlementRequest {
            pieces = List.copyOf(pieces);
        }
    }

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject BankPosRelayService relay;
    @Inject BankReplies replies;
    @Inject Clock clock;
    @Inject ProviderModules modules;
    @Inject SecureRandom random;

    /**
     * A sale of {@code price} to the card {@code cardId} unlocked with {@code pin}: the card's module
     * pays the price to the terminal's module with the money issue's payment protocol (the card
     * signs each transfer, the terminal verifies the notes as figure 8 does), offline: no host, no
     * bank. The terminal keeps the notes it received for today. Idempotent per terminal and
     * {@code saleKey}. A wrong PIN is counted on the card and comes back refused, as do too little
     * e-money and a note that does not verify (the card is then unchanged).
     */
    public Outcome<List<EmoneyPiece>> sell(String terminalId, String saleKey, String cardId, char[] pin, LedgerAmount price) {
        try {
            Terminal terminal = merchantTerminal(terminalId);
            if (saleKey == null || saleKey.isEmpty() || saleKey.length() > MAX_SALE_KEY_LENGTH) {
                throw new IllegalArgumentException("a sale key is 1-" + MAX_SALE_KEY_LENGTH + " characters");
            }
            IcCard card = em.find(IcCard.class, cardId);
            CardPurse purse = em.find(CardPurse.class, cardId);
            if (card == null || purse == null) {
                throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_CARD, cardId);
            }
            List<HeldEmoney> before = em.createQuery("select h from HeldEmoney h where h.terminalId = :t and h.saleKey = :k",
                    HeldEmoney.class).setParameter("t", terminalId).setParameter("k", saleKey).getResultList();
            if (!before.isEmpty()) {
                // A repeated sale: nothing moves again (and no other card can be charged under its key).
                List<EmoneyPiece> pieces = before.stream().map(HeldEmoney::piece).toList();
                long total = pieces.stream().mapToLong(p -> p.amount().minor()).sum();
                if (total != price.minor() || !price.currency().equals(pieces.get(0).amount().currency())) {
                    throw new ProviderRefusedException(ProviderRefusal.IDEMPOTENCY_CONFLICT, "sale " + saleKey + " at " + terminalId);
                }
                return Outcome.done(pieces);
            }
            try {
                EmoneyPurse opened = card.open(pin, purse);
                ModuleId payee = terminal.moduleId();
                NoteVerifier verifier = modules.verifier();
                PaymentVerifier terminalVerifies = (notes, expected, now, ignored) ->
                        verifier.verifyPayment(notes, expected, payee, ModuleRole.TRANSACTION, now, this::holds);
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                List<EmoneyPiece> pieces = opened.pay(NoteSigner.of(purse.certificate(), modules.cardKey(purse)), payee, terminalVerifies,
                        price, ConversationId.random(random), now);
                LocalDate day = businessDay();
                for (EmoneyPiece piece : pieces) {
                    em.persist(new HeldEmoney(UUID.randomUUID(), terminalId, day, saleKey, piece, clock.instant()));
                }
                LOG.fine(() -> "terminal " + terminalId + " sold " + price + " to card " + cardId);
                return Outcome.done(pieces);
            } catch (ProviderRefusedException refused) {
                return Outcome.refused(refused);
            }
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * "Settle" pressed: an unfinished batch (no answer yet, or refused by the bank) is presented
     * again under its own key; otherwise the day's held e-money moves into a new batch with the
     * day's next sequence number. The move is durable before anything leaves the terminal.
     */
    public SettlementRequest startSettlement(String terminalId, LocalDate businessDay) {
        merchantTerminal(terminalId);
        Optional<SettlementBatch> unfinished = em.createQuery(
                        "select b from SettlementBatch b where b.terminalId = :t and b.state <> :settled", SettlementBatch.class)
                .setParameter("t", terminalId).setParameter("settled", SettlementBatch.State.SETTLED).getResultStream().findFirst();
        if (unfinished.isPresent()) {
            SettlementKey key = unfinished.get().key();
            return new SettlementRequest(key, unfinished.get().total(),
                    held(terminalId, key.toString()).stream().map(HeldEmoney::piece).toList());
        }
        List<HeldEmoney> held = em.createQuery("select h from HeldEmoney h where h.terminalId = :t and h.businessDay = :d"
                        + " and h.batchKey is null order by h.takenAt, h.id", HeldEmoney.class)
                .setParameter("t", terminalId).setParameter("d", businessDay)
                .setMaxResults(HostSettlement.MAX_PIECES).getResultList(); // more notes: the next batch takes them
        if (held.isEmpty()) {
            throw new ProviderRefusedException(ProviderRefusal.NOTHING_TO_SETTLE, terminalId + " on " + businessDay);
        }
        Integer last = em.createQuery("select max(b.daySequence) from SettlementBatch b where b.terminalId = :t and b.businessDay = :d",
                Integer.class).setParameter("t", terminalId).setParameter("d", businessDay).getSingleResult();
        SettlementKey key = new SettlementKey(terminalId, businessDay, last == null ? 1 : last + 1);
        List<EmoneyPiece> pieces = held.stream().map(HeldEmoney::piece).toList();
        LedgerAmount total = pieces.stream().map(EmoneyPiece::amount).reduce(LedgerAmount::plus).orElseThrow();
        em.persist(new SettlementBatch(key, total, pieces.size(), clock.instant()));
        held.forEach(h -> h.moveInto(key));
        LOG.info(() -> "terminal " + terminalId + " opened settlement " + key + " of " + total);
        return new SettlementRequest(key, total, pieces);
    }

    /** Checks the host's instruction against the batch and sends the bank-POS transfer it authorises. */
    public void transfer(String terminalId, SettlementInstruction instruction) {
        Terminal terminal = merchantTerminal(terminalId);
        SettlementBatch batch = batch(terminalId, instruction.key());
        batch.transferSent(instruction, terminal.merchantAccount());
        relay.send(instruction.transfer(terminal.merchantAccount(), terminal.posIdAt(terminal.merchantAccount().bank())));
        LOG.info(() -> "terminal " + terminalId + " sent the transfer of " + instruction.key());
    }

    /**
     * Takes the bank's answer to the batch's latest transfer, if there is one: approved erases the
     * batch's e-money for good; refused returns the batch (its e-money stays, for a retry).
     */
    public SettlementBatch.State completeSettlement(String terminalId, SettlementKey key) {
        SettlementBatch batch = batch(terminalId, key);
        if (batch.state() != SettlementBatch.State.TRANSFER_SENT) {
            return batch.state();
        }
        Optional<BankReply> reply = replies.find(batch.correlationId());
        if (reply.isPresent() && batch.transferAnswered(reply.get())) {
            held(terminalId, key.toString()).forEach(em::remove);
            LOG.info(() -> "terminal " + terminalId + " settled " + key + ", entry " + batch.entryId());
        } else if (reply.isPresent()) {
            LOG.warning(() -> "bank refused settlement " + key + ": " + batch.bankRefusal());
        }
        return batch.state();
    }

    /** What the terminal holds, in settling batches or not. */
    public LedgerAmount heldTotal(String terminalId, String currency) {
        long sum = 0;
        for (HeldEmoney h : em.createQuery("select h from HeldEmoney h where h.terminalId = :t", HeldEmoney.class)
                .setParameter("t", terminalId).getResultList()) {
            sum = Math.addExact(sum, h.amountMinor());
        }
        return LedgerAmount.of(sum, currency);
    }

    public Optional<org.ems.bank.domain.BankRefusal> bankRefusal(String terminalId, SettlementKey key) {
        return Optional.ofNullable(batch(terminalId, key).bankRefusal());
    }

    /** The business day of a sale: the UTC date of the terminal's clock. */
    public LocalDate businessDay() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The terminal's part of the duplicate check: whether it holds the note this transfer created. */
    private boolean holds(NoteTransferKey key) {
        return em.createQuery("select count(h) from HeldEmoney h where h.pieceId = :p", Long.class)
                .setParameter("p", EmoneyPiece.idOf(key)).getSingleResult() > 0;
    }

    private List<HeldEmoney> held(String terminalId, String batchKey) {
        return em.createQuery("select h from HeldEmoney h where h.terminalId = :t and h.batchKey = :b order by h.takenAt, h.id",
                HeldEmoney.class).setParameter("t", terminalId).setParameter("b", batchKey).getResultList();
    }

    private SettlementBatch batch(String terminalId, SettlementKey key) {
        SettlementBatch batch = em.find(SettlementBatch.class, key.toString());
        if (batch == null || !key.terminalId().equals(terminalId)) {
            throw new ProviderRefusedException(ProviderRefusal.INSTRUCTION_MISMATCH, "no batch " + key + " at " + terminalId);
        }
        return batch;
    }

    private Terminal merchantTerminal(String terminalId) {
        Terminal terminal = terminalId == null ? null : em.find(Terminal.class, terminalId);
        if (terminal == null) {
            throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_TERMINAL, String.valueOf(terminalId));
        }
        terminal.requireKind(TerminalKind.MERCHANT);
        return terminal;
    }
}
