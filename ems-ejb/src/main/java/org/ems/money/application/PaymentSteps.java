package org.ems.money.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.PrivateKeyVault;
import org.ems.crypto.Purpose;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteVerifier;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.NoteSigner;
import org.ems.money.protocol.Payee;
import org.ems.money.protocol.PayeeState;
import org.ems.money.protocol.Payer;
import org.ems.money.protocol.PayerState;
import org.ems.money.protocol.PaymentMessage;
import org.ems.money.protocol.PaymentStep;
import org.ems.money.protocol.PaymentVerifier;
import org.ems.network.application.ConversationSteps;
import org.ems.network.application.ConversationTimeouts;
import org.ems.network.application.NetworkContexts;
import org.ems.network.application.NetworkSettings;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.session.SessionState;
import org.ems.network.domain.session.SessionTraffic;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.ModuleId;

/**
 * Runs one step of a payment party (payer or payee) in the caller's JTA transaction, as
 * {@code ConversationSteps} does for the network's parties: the party's state is a
 * {@link ProtocolConversation} (protocol PAYER or PAYEE, keyed by the payment's conversation id
 * and the module, sealed, with its deadline and persistent timer), the module's book is stored
 * in its {@link MoneyModuleBook}, and the messages go to the peer inside the session the payment
 * runs in ({@link SessionTraffic#send}). An input the party did not accept changes nothing.
 *
 * <p>The sealed state is an envelope: the session's conversation id, then the party's encoded
 * state, so that later steps (and timers) know which session to answer in, and a message that
 * arrives in another session is ignored.
 */
@ApplicationScoped
public class PaymentSteps {

    private static final Logger LOG = Logger.getLogger(PaymentSteps.class.getName());

    /** The session purposes that carry payment messages. */
    public static final Set<Purpose> PURPOSES = Set.of(Purpose.PAYMENT_NOTES, Purpose.PAYMENT_READY_TO_COMMIT,
            Purpose.PAYMENT_COMMIT_ACK, Purpose.PAYMENT_ABORT);

    /** Bound on a sealed party state (64 notes of at most ~300 KiB each plus the book). */
    static final int MAX_STATE_BYTES = 64 * 1024 * 1024;

    @Inject NetworkRepository network;
    @Inject MoneyBookRepository books;
    @Inject ConversationSteps steps;
    @Inject NetworkContexts contexts;
    @Inject ConversationTimeouts timeouts;
    @Inject AtRestCipher atRest;
    @Inject PrivateKeyVault vault;
    @Inject TrustAnchors trust;
    @Inject NetworkSettings settings;
    @Inject Clock clock;
    @Inject Event<PaymentSettled> settledEvents;

    /** A payment message opened from a session of {@code self}: runs the payer's or payee's step. */
    public void onMessage(ModuleAddress self, ConversationId session, ModuleAddress sender, Purpose purpose, byte[] payload) {
        Optional<ConversationId> named = conversationNamedIn(payload, purpose);
        if (named.isEmpty()) {
            LOG.fine(() -> purpose + " in session " + session + " at " + self + " is malformed: ignored");
            return;
        }
        ConversationId payment = named.get();
        Optional<HostedModule> found = network.findModule(self.id());
        if (found.isEmpty()) {
            return;
        }
        HostedModule module = found.get();
        PaymentMessage message = new PaymentMessage(purpose, payload);
        MoneyModuleBook book = bookRecord(self.id());
        Optional<ProtocolConversation> existing = network.findConversation(ProtocolConversation.keyOf(payment, self));
        if (existing.isPresent()) {
            ProtocolConversation c = existing.get();
            Envelope envelope = Envelope.decode(steps.state(c));
            if (!envelope.session().equals(session)) {
                LOG.fine(() -> "payment " + payment + " at " + self + " belongs to another session: ignored");
                return;
            }
            switch (c.protocol()) {
                case PAYER -> recordPayer(self, session, payment, existing, book,
                        Payer.onMessage(payerContext(module, payment), PayerState.decode(envelope.state()), message));
                case PAYEE -> recordPayee(self, session, payment, existing, book,
                        Payee.onMessage(payeeContext(module, payment), PayeeState.decode(envelope.state()), message));
                default -> LOG.fine(() -> "conversation " + c.key() + " is no payment: ignored");
            }
            return;
        }
        // The payee's side starts with the notes of a payment it agreed to receive (PaymentService.expect) and that has not expired.
        Optional<MoneyModuleBook.Expectation> expected = book.expectation(clock.instant());
        if (purpose != Purpose.PAYMENT_NOTES || expected.isEmpty() || !expected.get().session().equals(session)
                || !expected.get().payer().equals(sender.id()) || book.activePayment().isPresent()) {
            LOG.fine(() -> purpose + " of unknown payment " + payment + " at " + self + ": ignored");
            return;
        }
        Payee.Context context = payeeContext(module, payment);
        PayeeState fresh = Payee.expect(context, open(book), expected.get().payer(), expected.get().amount());
        if (recordPayee(self, session, payment, Optional.empty(), book, Payee.onMessage(context, fresh, message))) {
            book.clearExpectation();
        }
    }

    /**
     * How long an agreement (a payment expected, an exchange or a settlement agreed) counts
     * without its first message: the network's reply timeout, the deadline the protocols use.
     */
    Duration agreementLifetime() {
        return settings.limits().replyTimeout();
    }

    /** The host's clock, by which agreements are made and expire. */
    Instant now() {
        return clock.instant();
    }

    /**
     * The host withdraws {@code module}'s agreement of {@code kind} in {@code session} that no
     * message has started (expired or not): the slot is emptied and the module is free at once. Refused
     * (IllegalStateException, nothing changed) if the slot holds no such agreement: none was made,
     * another replaced it, or its first message started a conversation (which then runs to its end).
     */
    void withdraw(ModuleId module, ConversationId session, MoneyModuleBook.AgreementKind kind) {
        module(module);
        MoneyModuleBook record = bookRecord(module);
        if (!record.holdsAgreement(kind, session)) {
            String started = record.activePayment().map(p -> " (it is in conversation " + p + ")").orElse("");
            throw new IllegalStateException("module " + module + " holds no " + kind.label() + " agreement in session " + session
                    + " that no message has started" + started);
        }
        record.clearExpectation();
        LOG.info(() -> kind.label() + " agreement of " + module + " in session " + session + " withdrawn by its host");
    }

    /** The protocol conversation a session payload names first (payments, exchanges, settlements); empty if malformed. */
    static Optional<ConversationId> conversationNamedIn(byte[] payload, Purpose purpose) {
        try {
            return Optional.of(Codec.getConversation(new CanonicalReader(payload, purpose)));
        } catch (MalformedEncodingException e) {
            return Optional.empty();
        }
    }

    /** A payment party's timer fired while it waited (the dispatcher has checked it is due). */
    public void timeout(ProtocolConversation c) {
        ModuleAddress self = (ModuleAddress) c.party();
        Optional<HostedModule> found = network.findModule(self.id());
        if (found.isEmpty()) {
            return;
        }
        Envelope envelope = Envelope.decode(steps.state(c));
        MoneyModuleBook book = bookRecord(self.id());
        switch (c.protocol()) {
            case PAYER -> recordPayer(self, envelope.session(), c.conversation(), Optional.of(c), book,
                    Payer.onTimeout(payerContext(found.get(), c.conversation()), PayerState.decode(envelope.state())));
            case PAYEE -> recordPayee(self, envelope.session(), c.conversation(), Optional.of(c), book,
                    Payee.onTimeout(payeeContext(found.get(), c.conversation()), PayeeState.decode(envelope.state())));
            default -> LOG.fine(() -> "conversation " + c.key() + " is no payment: ignored");
        }
    }

    boolean recordPayer(ModuleAddress self, ConversationId session, ConversationId payment, Optional<ProtocolConversation> existing,
                        MoneyModuleBook book, PaymentStep<PayerState> step) {
        return record(self, session, payment, Protocol.PAYER, existing, book, step, PayerState::encode, PayerState::isSettled,
                PayerState::book);
    }

    boolean recordPayee(ModuleAddress self, ConversationId session, ConversationId payment, Optional<ProtocolConversation> existing,
                        MoneyModuleBook book, PaymentStep<PayeeState> step) {
        return record(self, session, payment, Protocol.PAYEE, existing, book, step, PayeeState::encode, PayeeState::isSettled,
                PayeeState::book);
    }

    <S> boolean record(ModuleAddress self, ConversationId session, ConversationId payment, Protocol protocol,
                               Optional<ProtocolConversation> existing, MoneyModuleBook book, PaymentStep<S> step,
                               Function<S, byte[]> encode, Predicate<S> isSettled, Function<S, ModuleBook> bookOf) {
        if (!step.isAccepted()) {
            LOG.fine(() -> protocol + " " + payment + " at " + self + ": " + step.disposition() + " " + step.note());
            return false;
        }
        Instant now = clock.instant();
        S state = step.state();
        boolean settled = isSettled.test(state);
        Optional<Instant> deadline = settled ? Optional.empty() : Optional.of(now.plus(settings.limits().replyTimeout()));
        String key = ProtocolConversation.keyOf(payment, self);
        byte[] sealed = atRest.seal(Purpose.PROTOCOL_STATE_AT_REST, key, new Envelope(session, encode.apply(state)).encode());
        ProtocolConversation conversation = existing.orElseGet(() -> {
            ProtocolConversation created = new ProtocolConversation(payment, self, protocol, sealed, now);
            network.storeConversation(created);
            return created;
        });
        conversation.step(sealed, Optional.empty(), settled, deadline, now);
        deadline.ifPresent(d -> timeouts.schedule(key, d));
        store(book, bookOf.apply(state));
        if (settled) {
            book.end(key);
        } else {
            book.begin(key);
        }
        sendInSession(self, session, step.outgoing());
        step.outcome().ifPresent(o -> LOG.info(() -> protocol + " " + payment + " at " + self + ": " + o));
        if (settled) {
            settledEvents.fire(new PaymentSettled(self.id(), payment, protocol, step.outcome()));
        }
        return true;
    }

    /** Sends each message through the session, one session step each, in the caller's transaction. */
    private void sendInSession(ModuleAddress self, ConversationId session, List<PaymentMessage> outgoing) {
        if (outgoing.isEmpty()) {
            return;
        }
        Optional<ProtocolConversation> found = network.findConversation(ProtocolConversation.keyOf(session, self));
        if (found.isEmpty() || found.get().protocol() != Protocol.SESSION) {
            LOG.warning(() -> "no session " + session + " at " + self + ": payment messages not sent");
            return;
        }
        ProtocolConversation c = found.get();
        SessionContext context = contexts.session(self);
        for (PaymentMessage message : outgoing) {
            SessionState state = SessionState.decode(steps.state(c));
            if (!state.isEstablished()) {
                LOG.warning(() -> "session " + session + " at " + self + " is " + state.phase() + ": " + message + " not sent");
                return;
            }
            var t = SessionTraffic.send(context, state, message.purpose(), message.payload());
            steps.record(new ConversationSteps.Step<>(session, self, Protocol.SESSION, Optional.of(c), t,
                    SessionState::encode, SessionState::isSettled));
        }
    }

    /** The established session {@code session} of {@code self}, or an IllegalStateException. */
    SessionState establishedSession(ModuleAddress self, ConversationId session) {
        ProtocolConversation c = network.findConversation(ProtocolConversation.keyOf(session, self))
                .orElseThrow(() -> new IllegalArgumentException("no session " + session + " of " + self));
        if (c.protocol() != Protocol.SESSION) {
            throw new IllegalArgumentException("conversation " + session + " is a " + c.protocol() + ", not a session");
        }
        SessionState state = SessionState.decode(steps.state(c));
        if (!state.isEstablished()) {
            throw new IllegalStateException("session " + session + " is " + state.phase() + ", not established");
        }
        return state;
    }

    HostedModule module(ModuleId id) {
        return network.findModule(id).orElseThrow(() -> new IllegalArgumentException("no hosted module " + id));
    }

    /** The module's book record, created empty on first use. */
    MoneyModuleBook bookRecord(ModuleId module) {
        return books.find(module).orElseGet(() -> {
            MoneyModuleBook created = new MoneyModuleBook(module, seal(module, ModuleBook.of(NoteDirectory.empty())), clock.instant());
            books.store(created);
            return created;
        });
    }

    ModuleBook open(MoneyModuleBook record) {
        return ModuleBook.decode(atRest.open(Purpose.PROTOCOL_STATE_AT_REST, owner(record.module()), record.sealedBook()));
    }

    void store(MoneyModuleBook record, ModuleBook book) {
        record.update(seal(record.module(), book), clock.instant());
    }

    /** Tests and a future withdrawal: adds notes received outside a payment (no verification here). */
    void deposit(ModuleId module, List<Note> notes) {
        MoneyModuleBook record = bookRecord(module);
        if (record.activePayment().isPresent()) {
            throw new IllegalStateException("module " + module + " is in a payment");
        }
        ModuleBook book = open(record);
        NoteDirectory directory = book.notes();
        for (Note note : notes) {
            directory = directory.withReceived(note);
        }
        store(record, new ModuleBook(directory, book.log()));
    }

    Payer.Context payerContext(HostedModule module, ConversationId payment) {
        return new Payer.Context(payment, now(module), NoteSigner.of(module.certificate(), vault.open(module.sealedPrivateKey())));
    }

    Payee.Context payeeContext(HostedModule module, ConversationId payment) {
        Instant now = now(module);
        TrustedLists lists = module.trust(trust.scheme());
        NoteVerifier verifier = new NoteVerifier(lists.validatorAt(now, settings.limits().clockTolerance(), false), lists.badIds());
        return new Payee.Context(payment, now, PaymentVerifier.of(verifier, module.id(), module.role()));
    }

    /** The module's time, as corrected at its last sign-on, in whole milliseconds (the notes' resolution). */
    private Instant now(HostedModule module) {
        return clock.instant().plus(module.clockOffset()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private byte[] seal(ModuleId module, ModuleBook book) {
        return atRest.seal(Purpose.PROTOCOL_STATE_AT_REST, owner(module), book.encode());
    }

    private static String owner(ModuleId module) {
        return "MONEY_BOOK:M:" + module.value();
    }

    /** A payment party's stored state: the session it runs in, then the party's encoded state. */
    record Envelope(ConversationId session, byte[] state) {

        byte[] encode() {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(state.length + 24);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeLong(session.high());
                out.writeLong(session.low());
                out.writeInt(state.length);
                out.write(state);
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Envelope decode(byte[] encoded) {
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
                ConversationId session = new ConversationId(in.readLong(), in.readLong());
                int length = in.readInt();
                if (length < 0 || length > MAX_STATE_BYTES || length != encoded.length - 20) {
                    throw new MalformedEncodingException("payment envelope of " + encoded.length + " bytes says " + length);
                }
                return new Envelope(session, in.readNBytes(length));
            } catch (IOException e) {
                throw new MalformedEncodingException("truncated payment envelope");
            }
        }
    }
}
