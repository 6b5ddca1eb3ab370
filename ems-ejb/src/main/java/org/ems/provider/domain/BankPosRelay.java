package org.ems.provider.domain;

import java.util.Map;
import java.util.Optional;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRequest;

/**
 * The transaction relay centre of JP H9-147043 (CAFIS in Japan): a pure router that hands each
 * bank-POS message to the host of the bank it names. A bank-POS transfer moves money inside one
 * bank (the terminal id was assigned by the buyer's bank, into an account there), so the bank code
 * of the debit account is the route, and the credit account must be at the same bank.
 *
 * <p>Invariants: a message is delivered to exactly one endpoint or to none; a refused message
 * (malformed, not a POS transfer, across banks, unknown bank code) reaches no bank. The relay keeps
 * no state and sees only a sealed PIN block.
 */
public final class BankPosRelay {

    private final PosMessageFormat format;
    private final Map<BankId, BankPosEndpoint> hosts;

    public BankPosRelay(PosMessageFormat format, Map<BankId, BankPosEndpoint> hosts) {
        if (format == null || hosts == null) {
            throw new IllegalArgumentException("a relay needs a format and its routes");
        }
        this.format = format;
        this.hosts = Map.copyOf(hosts);
    }

    /** Decodes, checks and delivers one message; returns the bank it went to. */
    public BankId relay(byte[] message) {
        BankRequest request;
        try {
            request = format.decodeRequest(message);
        } catch (IllegalArgumentException e) {
            throw new ProviderRefusedException(ProviderRefusal.MALFORMED_MESSAGE, e.getMessage());
        }
        BankId bank = route(request);
        hosts.get(bank).deliver(request);
        return bank;
    }

    /** The bank a request goes to, or the refusal: what {@link #relay} checks before delivering. */
    public BankId route(BankRequest request) {
        if (request.kind() != BankRequest.Kind.POS_TRANSFER) {
            throw new ProviderRefusedException(ProviderRefusal.NOT_BANK_POS, request.kind().toString());
        }
        BankId bank = request.debit().bank();
        if (!request.credit().isAt(bank)) {
            throw new ProviderRefusedException(ProviderRefusal.CROSS_BANK, request.debit() + " -> " + request.credit());
        }
        if (!hosts.containsKey(bank)) {
            throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_BANK, bank.code());
        }
        return bank;
    }

    public Optional<BankPosEndpoint> host(BankId bank) {
        return Optional.ofNullable(hosts.get(bank));
    }
}
