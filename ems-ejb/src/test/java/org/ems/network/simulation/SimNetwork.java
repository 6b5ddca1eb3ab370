package org.ems.network.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ems.network.domain.Address;
import org.ems.network.domain.NetworkMessage;

/**
 * The in-memory transport: parties by address and the messages in flight. Every message is
 * encoded and decoded on the way, as on JMS. Delivery order and faults are the caller's: unit
 * tests deliver in order ({@link #runToQuiescence}), simulations pick at random.
 */
public final class SimNetwork {

    /** A protocol run delivers a few dozen messages; a runaway loop stops here. */
    public static final int MAX_DELIVERIES = 10_000;

    private final Map<Address, SimParty> parties = new LinkedHashMap<>();
    private final List<NetworkMessage> inFlight = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();
    private int deliveries;

    public <P extends SimParty> P add(P party) {
        parties.put(party.address(), party);
        return party;
    }

    public void send(List<NetworkMessage> messages) {
        messages.forEach(m -> inFlight.add(NetworkMessage.decode(m.encode())));
    }

    public List<NetworkMessage> inFlight() {
        return inFlight;
    }

    public boolean isQuiet() {
        return inFlight.isEmpty();
    }

    /** Delivers the message at {@code index} (removing it) and sends what the step sends. */
    public void deliver(int index) {
        deliverCopy(inFlight.remove(index));
    }

    /** Delivers a message without taking it from flight (a duplicate, or a forged one). */
    public void deliverCopy(NetworkMessage message) {
        if (++deliveries > MAX_DELIVERIES) {
            throw new AssertionError("more than " + MAX_DELIVERIES + " deliveries: the protocol does not terminate");
        }
        SimParty party = parties.get(message.recipient());
        trace.add(message.toString());
        if (party != null) {
            send(party.deliver(NetworkMessage.decode(message.encode())));
        }
    }

    /** In order, no faults, until nothing is in flight. */
    public void runToQuiescence() {
        while (!inFlight.isEmpty()) {
            deliver(0);
        }
    }

    /** In order until the next message matches (left undelivered, at index 0); false if the network went quiet first. */
    public boolean runUntil(Predicate<NetworkMessage> next) {
        while (!inFlight.isEmpty()) {
            if (next.test(inFlight.get(0))) {
                return true;
            }
            deliver(0);
        }
        return false;
    }

    public void fireAllTimeouts() {
        fireTimeouts(address -> true);
    }

    /** The reply timers of the parties at these addresses fire (their peers look silent to them). */
    public void fireTimeouts(Predicate<Address> which) {
        parties.values().stream().filter(p -> which.test(p.address())).forEach(p -> send(p.fireTimeouts()));
    }

    public List<Address> addresses() {
        return List.copyOf(parties.keySet());
    }

    public boolean allSettled() {
        return parties.values().stream().allMatch(SimParty::allSettled);
    }

    public List<String> trace() {
        return trace;
    }
}
