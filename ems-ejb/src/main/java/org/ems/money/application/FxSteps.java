package org.ems.money.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.money.protocol.FxCommitOrder;
import org.ems.money.protocol.FxParty;
import org.ems.money.protocol.FxState;
import org.ems.money.protocol.PaymentMessage;
import org.ems.money.protocol.PaymentStep;
import org.ems.network.application.ConversationSteps;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.session.SessionState;

/**
 * Runs one step of a foreign-exchange party (figure 9, A or B) in the caller's JTA transaction,
 * exactly as {@link PaymentSteps} runs a payment party and with its helpers: the party's state is
 * a {@link ProtocolConversation} of protocol FX (keyed by the exchange's conversation id and the
 * module, sealed in the same session envelope, with its deadline and persistent timer), the
 * module's book is stored in its {@link MoneyModuleBook}, one protocol per module at a time, and
 * the messages go to the peer inside the session.
 *
 * <p>An exchange shares four purposes with payments (notes, Ready-to-Commit, acknowledgement,
 * abort), so a message belongs to an exchange when its conversation is an FX party of the module,
 * or when it is the notes that start an exchange the module agreed to
 * ({@link MoneyModuleBook#fxExpectation}); {@link #onMessage} says whether it took the message.
 */
@ApplicationScoped
public class FxSteps {

    private static final Logger LOG = Logger.getLogger(FxSteps.class.getName());

    /** The session purposes that carry exchange messages (four of them shared with payments). */
    public static final Set<Purpose> PURPOSES = Set.of(Purpose.PAYMENT_NOTES, Purpose.FX_LOG_UPDATED, Purpose.FX_START_COMMIT,
            Purpose.PAYMENT_READY_TO_COMMIT, Purpose.PAYMENT_COMMIT_ACK, Purpose.PAYMENT_ABORT);

    @Inject PaymentSteps payments;
    @Inject NetworkRepository network;
    @Inject ConversationSteps steps;

    /**
     * A message opened from a session of {@code self}: runs A's or B's step if it belongs to an
     * exchange and returns true; false leaves it to the payments (nothing was changed).
     */
    public boolean onMessage(ModuleAddress self, ConversationId session, ModuleAddress sender, Purpose purpose, byte[] payload) {
        if (!PURPOSES.contains(purpose)) {
            return false;
        }
        Optional<ConversationId> named = PaymentSteps.conversationNamedIn(payload, purpose);
        if (named.isEmpty()) {
            return false;   // PaymentSteps ignores it likewise
        }
        ConversationId exchange = named.get();
        Optional<ProtocolConversation> existing = network.findConversation(ProtocolConversation.keyOf(exchange, self));
        if (existing.isPresent() && existing.get().protocol() != Protocol.FX) {
            return false;
        }
        Optional<HostedModule> found = network.findModule(self.id());
        if (found.isEmpty()) {
            return false;
        }
        HostedModule module = found.get();
        PaymentMessage message = new PaymentMessage(purpose, payload);
        MoneyModuleBook book = payments.bookRecord(self.id());
        if (existing.isPresent()) {
            ProtocolConversation c = existing.get();
            PaymentSteps.Envelope envelope = PaymentSteps.Envelope.decode(steps.state(c));
            if (!envelope.session().equals(session)) {
                LOG.fine(() -> "exchange " + exchange + " at " + self + " belongs to another session: ignored");
                return true;
            }
            record(self, session, exchange, existing, book,
                    FxParty.onMessage(context(module, exchange), FxState.decode(envelope.state()), message));
            return true;
        }
        // B's side starts with A's notes, for an exchange B agreed to (FxService.expect) that has not expired.
        Optional<MoneyModuleBook.FxExpectation> expected = book.fxExpectation(payments.now());
        if (purpose != Purpose.PAYMENT_NOTES || expected.isEmpty() || !expected.get().session().equals(session)
                || !expected.get().peer().equals(sender.id())) {
            return false;
        }
        if (book.activePayment().isPresent()) {
            LOG.fine(() -> "notes of exchange " + exchange + " at " + self + " while it is in " + book.activePayment().get() + ": ignored");
            return true;
        }
        FxParty.Context context = context(module, exchange);
        FxCommitOrder.Side first = firstTransferor(payments.establishedSession(self, session));
        FxState fresh = FxParty.expectB(context, payments.open(book), sender.id(), expected.get().give(), expected.get().take(), first);
        if (record(self, session, exchange, Optional.empty(), book, FxParty.onMessage(context, fresh, message))) {
            book.clearExpectation();
        }
        return true;
    }

    /** An exchange party's timer fired while it waited (the dispatcher has checked it is due). */
    public void timeout(ProtocolConversation c) {
        ModuleAddress self = (ModuleAddress) c.party();
        Optional<HostedModule> found = network.findModule(self.id());
        if (found.isEmpty() || c.protocol() != Protocol.FX) {
            return;
        }
        PaymentSteps.Envelope envelope = PaymentSteps.Envelope.decode(steps.state(c));
        record(self, envelope.session(), c.conversation(), Optional.of(c), payments.bookRecord(self.id()),
                FxParty.onTimeout(context(found.get(), c.conversation()), FxState.decode(envelope.state())));
    }

    boolean record(ModuleAddress self, ConversationId session, ConversationId exchange, Optional<ProtocolConversation> existing,
                   MoneyModuleBook book, PaymentStep<FxState> step) {
        return payments.record(self, session, exchange, Protocol.FX, existing, book, step, FxState::encode, FxState::isSettled,
                FxState::book);
    }

    /** A party of an exchange both transfers (as a payer) and receives (as a payee). */
    FxParty.Context context(HostedModule module, ConversationId exchange) {
        var payee = payments.payeeContext(module, exchange);
        return new FxParty.Context(exchange, payee.now(), payments.payerContext(module, exchange).signer(), payee.verifier());
    }

    /**
     * S(X) for an exchange in {@code session}, A being the module that starts it: X is the parity
     * of R(A) XOR R(B). The session state keeps neither R(A) nor R(B) once established (R(B) is
     * forgotten, R(A) never stored), but its session key is R(A) XOR R(B) itself (DESIGN.md 7,
     * {@code SessionInitiator}/{@code SessionResponder}), so X is the parity of the key; the key is
     * read through the channel's public encoding, since {@link SecureChannel} has no accessor for it,
     * and only its parity leaves this method. Both parties hold the same key, so both find the same X.
     */
    static FxCommitOrder.Side firstTransferor(SessionState session) {
        SecureChannel channel = session.channel()
                .orElseThrow(() -> new IllegalStateException("session " + session.conversation() + " has no channel"));
        CanonicalWriter writer = new CanonicalWriter(Purpose.SESSION_STATE);
        channel.write(writer);
        SecretValue key = SecretValue.read(new CanonicalReader(writer.toBytes(), Purpose.SESSION_STATE));
        // parity(R(A) XOR R(B)) = parity(key XOR 0)
        return FxCommitOrder.firstTransferor(key, SecretValue.of(new byte[SecretValue.BYTES]));
    }
}
