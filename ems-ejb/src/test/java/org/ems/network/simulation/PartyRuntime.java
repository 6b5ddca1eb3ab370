package org.ems.network.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.ems.network.domain.Address;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Disposition;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Transition;

/**
 * Runs one party as the application would: its states live only as encoded bytes between steps
 * (so every step also proves the state encoding round-trips), each delivery is load, step,
 * store, send. A party that only starts conversations has no fresh state: a message for an
 * unknown conversation is then refused, as the application would refuse it.
 */
public final class PartyRuntime<C, S> implements SimParty {

    /** One step of the party's protocol. */
    @FunctionalInterface
    public interface Step<C, S> {
        Transition<S> apply(C context, S state, NetworkMessage message);
    }

    /** How to run a party type: its steps and its state codec. */
    public record Protocol<C, S>(Step<C, S> onMessage, BiFunction<C, S, Transition<S>> onTimeout, Function<S, byte[]> encode,
            Function<byte[], S> decode, Predicate<S> settled, Optional<Function<ConversationId, S>> fresh) {
    }

    private final Address address;
    private final Protocol<C, S> protocol;
    private C context;
    private final Map<ConversationId, byte[]> stored = new LinkedHashMap<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Disposition> dispositions = new ArrayList<>();

    public PartyRuntime(Address address, C context, Protocol<C, S> protocol) {
        this.address = address;
        this.context = context;
        this.protocol = protocol;
    }

    @Override
    public Address address() {
        return address;
    }

    public C context() {
        return context;
    }

    public void setContext(C newContext) {
        context = newContext;
    }

    /** Stores the state a start produced and returns its messages. */
    public List<NetworkMessage> started(ConversationId conversation, Transition<S> start) {
        store(conversation, start);
        return start.outgoing();
    }

    /** Stores a state made outside the protocol (a fixture's link, say). */
    public void put(ConversationId conversation, S state) {
        stored.put(conversation, protocol.encode().apply(state));
    }

    @Override
    public List<NetworkMessage> deliver(NetworkMessage message) {
        byte[] bytes = stored.get(message.conversation());
        S state = bytes != null ? protocol.decode().apply(bytes)
                : protocol.fresh().map(f -> f.apply(message.conversation())).orElse(null);
        if (state == null) {
            dispositions.add(Disposition.REJECTED);
            return List.of();
        }
        Transition<S> transition = protocol.onMessage().apply(context, state, message);
        dispositions.add(transition.disposition());
        if (transition.isAccepted()) {
            store(message.conversation(), transition);
        }
        return transition.outgoing();
    }

    @Override
    public List<NetworkMessage> fireTimeouts() {
        List<NetworkMessage> sent = new ArrayList<>();
        for (ConversationId conversation : List.copyOf(stored.keySet())) {
            sent.addAll(fireTimeout(conversation));
        }
        return sent;
    }

    public List<NetworkMessage> fireTimeout(ConversationId conversation) {
        S state = state(conversation);
        if (state == null || protocol.settled().test(state)) {
            return List.of();
        }
        Transition<S> transition = protocol.onTimeout().apply(context, state);
        if (transition.isAccepted()) {
            store(conversation, transition);
        }
        return transition.outgoing();
    }

    @Override
    public boolean allSettled() {
        return stored.keySet().stream().allMatch(c -> protocol.settled().test(state(c)));
    }

    public S state(ConversationId conversation) {
        byte[] bytes = stored.get(conversation);
        return bytes == null ? null : protocol.decode().apply(bytes);
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<Disposition> dispositions() {
        return List.copyOf(dispositions);
    }

    private void store(ConversationId conversation, Transition<S> transition) {
        byte[] encoded = protocol.encode().apply(transition.state());
        // pair assertion: what is stored must decode to a state that encodes to the same bytes
        if (!java.util.Arrays.equals(protocol.encode().apply(protocol.decode().apply(encoded)), encoded)) {
            throw new AssertionError("state encoding does not round-trip at " + address);
        }
        stored.put(conversation, encoded);
        transition.outcome().ifPresent(outcomes::add);
    }
}
