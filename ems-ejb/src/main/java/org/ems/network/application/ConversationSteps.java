package org.ems.network.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.Purpose;
import org.ems.network.domain.Address;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.Transition;

/**
 * Records one step of one party in the caller's JTA transaction: the new state (sealed), the
 * outcome, the deadline with its persistent timer, and the messages sent. An input the domain
 * did not accept (a duplicate, a late or forged message) changes nothing and sends nothing.
 */
@ApplicationScoped
public class ConversationSteps {

    private static final Logger LOG = Logger.getLogger(ConversationSteps.class.getName());

    @Inject NetworkRepository network;
    @Inject NetworkTransport transport;
    @Inject ConversationTimeouts timeouts;
    @Inject AtRestCipher atRest;
    @Inject Clock clock;
    @Inject NetworkSettings settings;

    /** One party's step, described for recording. */
    public record Step<S>(ConversationId conversation, Address party, ProtocolConversation.Protocol protocol,
                          Optional<ProtocolConversation> existing, Transition<S> transition,
                          Function<S, byte[]> encode, Predicate<S> settled) {
    }

    /** Records the step if it was accepted; returns whether it was. */
    public <S> boolean record(Step<S> step) {
        Transition<S> t = step.transition();
        if (!t.isAccepted()) {
            LOG.fine(() -> step.protocol() + " " + step.conversation() + " at " + step.party() + ": "
                    + t.disposition() + " " + t.note());
            return false;
        }
        Instant now = clock.instant();
        boolean settled = step.settled().test(t.state());
        Optional<Instant> deadline = settled ? Optional.empty() : Optional.of(now.plus(settings.limits().replyTimeout()));
        String key = ProtocolConversation.keyOf(step.conversation(), step.party());
        byte[] sealed = atRest.seal(Purpose.PROTOCOL_STATE_AT_REST, key, step.encode().apply(t.state()));
        ProtocolConversation conversation = step.existing().orElseGet(() -> {
            ProtocolConversation created = new ProtocolConversation(step.conversation(), step.party(), step.protocol(), sealed, now);
            network.storeConversation(created);
            return created;
        });
        conversation.step(sealed, t.outcome(), settled, deadline, now);
        deadline.ifPresent(d -> timeouts.schedule(conversation.key(), d));
        for (NetworkMessage message : t.outgoing()) {
            transport.send(message);
        }
        t.outcome().ifPresent(o -> LOG.info(() -> step.protocol() + " " + step.conversation() + " at " + step.party() + ": " + o));
        return true;
    }

    /** The state of a stored conversation, unsealed. */
    public byte[] state(ProtocolConversation conversation) {
        return atRest.open(Purpose.PROTOCOL_STATE_AT_REST, conversation.key(), conversation.sealedState());
    }
}
