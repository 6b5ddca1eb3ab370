package org.ems.money.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.protocol.FxCommitOrder;
import org.ems.money.protocol.PaymentMessage;
import org.ems.money.protocol.PaymentStep;
import org.ems.money.protocol.SettleFxParty;
import org.ems.money.protocol.SettleFxState;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.money.protocol.SettlementPrompt;
import org.ems.network.application.ConversationSteps;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ProtocolConversation.Protocol;

/**
 * Runs one step of a Settle Foreign Exchange party (figure 27, A or B) in the caller's JTA
 * transaction, exactly as {@link FxSteps} runs an exchange party and with {@link PaymentSteps}'
 * helpers: the party's state is a {@link ProtocolConversation} of protocol SETTLE_FX (keyed by the
 * settlement's conversation id and the module, sealed in the same session envelope, with its
 * deadline and persistent timer), the module's book is stored in its {@link MoneyModuleBook}, one
 * protocol per module at a time, and the messages go to the peer inside the session.
 *
 * <p>The party's stored state carries, beside its {@link SettleFxState}, the amounts its Realtime
 * Settlement host application expects to receive ({@link SettlementPrompt#expecting}; B's first step
 * answers {@link SettlementPrompt#atMost} for an agreement to take part of a larger transfer), since the
 * prompt answers in a later step than the one that started the party. A settlement starts at B
 * with A's amounts ({@code SETTLE_FX_AMOUNTS}, a purpose of its own) for a settlement B agreed to
 * ({@link MoneyModuleBook#settleFxExpectation}); every later message names a conversation that
 * is a SETTLE_FX party of the module. {@link #onMessage} says whether it took the message.
 */
@ApplicationScoped
public class SettleFxSteps {

    private static final Logger LOG = Logger.getLogger(SettleFxSteps.class.getName());

    /** The session purposes that carry settlement messages (six of them shared with payments and exchanges). */
    public static final Set<Purpose> PURPOSES = Set.of(Purpose.SETTLE_FX_AMOUNTS, Purpose.SETTLE_FX_AMOUNTS_REFUSED,
            Purpose.PAYMENT_NOTES, Purpose.FX_LOG_UPDATED, Purpose.FX_START_COMMIT, Purpose.PAYMENT_READY_TO_COMMIT,
            Purpose.PAYMENT_COMMIT_ACK, Purpose.PAYMENT_ABORT);

    @Inject PaymentSteps payments;
    @Inject NetworkRepository network;
    @Inject ConversationSteps steps;

    /**
     * A message opened from a session of {@code self}: runs A's or B's step if it belongs to a
     * settlement and returns true; false leaves it to the exchanges and payments (nothing was changed).
     */
    public boolean onMessage(ModuleAddress self, ConversationId session, ModuleAddress sender, Purpose purpose, byte[] payload) {
        if (!PURPOSES.contains(purpose)) {
            return false;
        }
        Optional<ConversationId> named = PaymentSteps.conversationNamedIn(payload, purpose);
        if (named.isEmpty()) {
            return false;   // PaymentSteps ignores it likewise
        }
        ConversationId settlement = named.get();
        Optional<ProtocolConversation> existing = network.findConversation(ProtocolConversation.keyOf(settlement, self));
        if (existing.isPresent() ? existing.get().protocol() != Protocol.SETTLE_FX : purpose != Purpose.SETTLE_FX_AMOUNTS) {
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
                LOG.fine(() -> "settlement " + settlement + " at " + self + " belongs to another session: ignored");
                return true;
            }
            Party party = Party.decode(envelope.state());
            record(self, session, settlement, existing, book, party.expected(),
                    SettleFxParty.onMessage(context(module, settlement, party.expected()), party.state(), message));
            return true;
        }
        // B's side starts with A's amounts, for a settlement B agreed to (SettleFxService.expect) that has not expired.
        Optional<MoneyModuleBook.SettleFxExpectation> expected = book.settleFxExpectation(payments.now());
        if (expected.isEmpty() || !expected.get().session().equals(session) || !expected.get().peer().equals(sender.id())) {
            LOG.fine(() -> "amounts of settlement " + settlement + " at " + self + ", which holds no unexpired agreement with " + sender
                    + ": ignored");
            return true;
        }
        if (book.activePayment().isPresent()) {
            LOG.fine(() -> "amounts of settlement " + settlement + " at " + self + " while it is in " + book.activePayment().get()
                    + ": ignored");
            return true;
        }
        SettlementAmounts take = expected.get().take();
        SettleFxParty.Context context = context(module, settlement,
                expected.get().upTo() ? SettlementPrompt.atMost(take) : SettlementPrompt.expecting(take));
        FxCommitOrder.Side first = FxSteps.firstTransferor(payments.establishedSession(self, session));
        SettleFxState fresh = SettleFxParty.expectB(context, payments.open(book), sender.id(), expected.get().give(), first);
        PaymentStep<SettleFxState> step = SettleFxParty.onMessage(context, fresh, message);
        if (step.isAccepted()) {
            // consumed as B's side starts, before the step is recorded: recording fires PaymentSettled if the side
            // ends at once, and an agreement its observers make (a settlement agent's next one) must survive
            book.clearExpectation();
        }
        record(self, session, settlement, Optional.empty(), book, take, step);
        return true;
    }

    /** A settlement party's timer fired while it waited (the dispatcher has checked it is due). */
    public void timeout(ProtocolConversation c) {
        ModuleAddress self = (ModuleAddress) c.party();
        Optional<HostedModule> found = network.findModule(self.id());
        if (found.isEmpty() || c.protocol() != Protocol.SETTLE_FX) {
            return;
        }
        PaymentSteps.Envelope envelope = PaymentSteps.Envelope.decode(steps.state(c));
        Party party = Party.decode(envelope.state());
        record(self, envelope.session(), c.conversation(), Optional.of(c), payments.bookRecord(self.id()), party.expected(),
                SettleFxParty.onTimeout(context(found.get(), c.conversation(), party.expected()), party.state()));
    }

    /** Records an accepted step as {@link PaymentSteps#record} does (a settled side fires {@link PaymentSettled} with SETTLE_FX). */
    boolean record(ModuleAddress self, ConversationId session, ConversationId settlement, Optional<ProtocolConversation> existing,
                   MoneyModuleBook book, SettlementAmounts expected, PaymentStep<SettleFxState> step) {
        PaymentStep<Party> stored = new PaymentStep<>(new Party(expected, step.state()), step.outgoing(), step.outcome(),
                step.disposition(), step.note());
        return payments.record(self, session, settlement, Protocol.SETTLE_FX, existing, book, stored, Party::encode,
                p -> p.state().isSettled(), p -> p.state().book());
    }

    /** A settlement side transfers (as a payer) and receives (as a payee); its host confirms exactly {@code expected}. */
    SettleFxParty.Context context(HostedModule module, ConversationId settlement, SettlementAmounts expected) {
        return context(module, settlement, SettlementPrompt.expecting(expected));
    }

    private SettleFxParty.Context context(HostedModule module, ConversationId settlement, SettlementPrompt prompt) {
        var payee = payments.payeeContext(module, settlement);
        return new SettleFxParty.Context(settlement, payee.now(), payments.payerContext(module, settlement).signer(), payee.verifier(),
                prompt);
    }

    /** A settlement party's stored state: the amounts its host expects to receive, then its {@link SettleFxState}. */
    record Party(SettlementAmounts expected, SettleFxState state) {

        byte[] encode() {
            try {
                byte[] encoded = state.encode();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length + 256);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeUTF(SettlementAmountsText.format(expected));
                out.writeInt(encoded.length);
                out.write(encoded);
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Party decode(byte[] encoded) {
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
                SettlementAmounts expected = SettlementAmountsText.parse(in.readUTF());
                int length = in.readInt();
                if (length < 0 || length != in.available()) {
                    throw new MalformedEncodingException("settlement party state of " + encoded.length + " bytes says " + length);
                }
                return new Party(expected, SettleFxState.decode(in.readNBytes(length)));
            } catch (IOException e) {
                throw new MalformedEncodingException("truncated settlement party state");
            }
        }
    }
}
