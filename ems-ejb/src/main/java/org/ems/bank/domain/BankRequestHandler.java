package org.ems.bank.domain;

import java.time.Instant;
import java.util.Arrays;

/**
 * Answers one gateway request with the ledger: what the JMS consumer will call, in the same
 * transaction as the reply it sends. A refusal becomes a REFUSED reply; the ledger refused before
 * changing anything, so committing that transaction changes nothing but the reply sent. Errors
 * that are not refusals (a broken database, a bug) propagate so the transaction rolls back and
 * the request is redelivered. A refusal of an EMS request (withdrawal, deposit, reversal) is kept
 * by idempotency key, so that a late copy gets the same refusal ({@link RefusedRequest}).
 */
public final class BankRequestHandler {

    private final Ledger ledger;
    private final PinBlockOpener pins;
    private final BankRepository repository;

    public BankRequestHandler(Ledger ledger, PinBlockOpener pins, BankRepository repository) {
        this.ledger = ledger;
        this.pins = pins;
        this.repository = repository;
    }

    public BankReply handle(BankRequest request, Instant at) {
        boolean kept = RefusedRequest.isKeptFor(request.kind());
        if (kept) {
            java.util.Optional<RefusedRequest> refusedBefore = repository.findRefusal(request.idempotencyKey());
            if (refusedBefore.isPresent()) {
                return BankReply.refused(request.correlationId(), refusedBefore.get().isSameRequest(request)
                        ? refusedBefore.get().reason() : BankRefusal.IDEMPOTENCY_CONFLICT);
            }
        }
        BankReply reply = evaluate(request, at);
        if (kept && reply.outcome() == BankReply.Outcome.REFUSED && reply.reason() != BankRefusal.IDEMPOTENCY_CONFLICT) {
            repository.store(new RefusedRequest(request, reply.reason(), at));
        }
        return reply;
    }

    private BankReply evaluate(BankRequest request, Instant at) {
        try {
            return switch (request.kind()) {
                case WITHDRAWAL_TO_EMS -> posted(request, ledger.post(request.idempotencyKey(), EntryKind.WITHDRAWAL_TO_EMS,
                        request.debit(), request.credit(), request.amount(), at));
                case DEPOSIT_FROM_EMS -> posted(request, ledger.post(request.idempotencyKey(), EntryKind.DEPOSIT_FROM_EMS,
                        request.debit(), request.credit(), request.amount(), at));
                case POS_TRANSFER -> posted(request, posTransfer(request, at));
                case REVERSAL -> posted(request, ledger.reverse(request.entryId(), request.idempotencyKey(), at));
                case IS_ACTIVE -> ledger.isActive(request.debit())
                        ? BankReply.approved(request.correlationId(), null)
                        : BankReply.refused(request.correlationId(), BankRefusal.UNKNOWN_ACCOUNT);
            };
        } catch (BankRefusedException refused) {
            return BankReply.refused(request.correlationId(), refused.reason());
        }
    }

    private JournalEntry posTransfer(BankRequest request, Instant at) {
        char[] pin = pins.open(request.pinBlock(), request.correlationId());
        try {
            char[] candidate = pin == null ? new char[0] : pin;
            return ledger.posTransfer(request.idempotencyKey(), request.debit(), candidate, request.credit(),
                    request.amount(), request.terminalId(), at);
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0'); // the clear PIN lives only for this call
            }
        }
    }

    private static BankReply posted(BankRequest request, JournalEntry entry) {
        return BankReply.approved(request.correlationId(), entry.id());
    }
}
