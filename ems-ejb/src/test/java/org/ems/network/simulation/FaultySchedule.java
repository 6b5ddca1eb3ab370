package org.ems.network.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ems.network.domain.Address;
import org.ems.network.domain.NetworkMessage;

/**
 * Delivers a network's messages one at a time under faults, then lets every timer fire and the
 * late messages arrive, until nothing moves. The faults are what the real deployment can do:
 *
 * <ul>
 * <li>crash before a step: the recipient is down, the message stays queued and is redelivered
 *     later; in a long outage its peers' timers fire meanwhile;</li>
 * <li>crash after a step: the step committed and its messages were sent (state and send are one
 *     XA transaction, so there is no crash between them), then the party is down; in a long
 *     outage its peers' timers fire;</li>
 * <li>redelivery: a message is delivered and stays queued to be delivered again;</li>
 * <li>delay: a message arrives only after every timer has fired (a silent peer);</li>
 * <li>an early timer: a party's reply timer fires while messages are still in flight;</li>
 * <li>tampering (attack runs only): a byte of a message body is flipped in transit.</li>
 * </ul>
 * Messages are never lost: queues are persistent; a loss is a delay past the timeouts.
 */
public final class FaultySchedule {

    /** How many faults a run may inject, and how likely each is at a step; or one scripted crash. */
    public record Plan(double crashBefore, double crashAfter, double duplicate, double delay, double earlyTimeout, double tamper,
            int maxFaults, int scriptedStep, boolean scriptedBefore) {

        public static Plan none() {
            return new Plan(0, 0, 0, 0, 0, 0, 0, -1, false);
        }

        /** Transport faults only: what crashes, redelivery and slow peers do. */
        public static Plan transport(int maxFaults) {
            return new Plan(0.05, 0.05, 0.06, 0.025, 0.015, 0, maxFaults, -1, false);
        }

        /** Transport faults and one tampered message. */
        public static Plan attack(int maxFaults) {
            return new Plan(0.04, 0.04, 0.05, 0.02, 0.01, 0.08, maxFaults, -1, false);
        }

        /** In order, with one crash (before or after) at delivery {@code step}, in a long outage. */
        public static Plan crashAt(int step, boolean before) {
            return new Plan(0, 0, 0, 0, 0, 0, 1, step, before);
        }

        boolean scripted() {
            return scriptedStep >= 0;
        }
    }

    /** What a run injected. */
    public record Log(int crashes, int redeliveries, int delays, int earlyTimeouts, int tampers, int deliveries) {

        public boolean anyFault() {
            return crashes + redeliveries + delays + earlyTimeouts + tampers > 0;
        }

        public boolean tampered() {
            return tampers > 0;
        }
    }

    private enum Fault { NONE, CRASH_BEFORE, CRASH_AFTER, REDELIVER, DELAY, EARLY_TIMEOUT, TAMPER }

    /** Enough rounds of timers and late messages for any protocol here to settle. */
    private static final int FINAL_ROUNDS = 6;

    private final SimNetwork network;
    private final Random random;
    private final Plan plan;
    private final List<NetworkMessage> delayed = new ArrayList<>();
    private int crashes;
    private int redeliveries;
    private int delays;
    private int earlyTimeouts;
    private int tampers;
    private int steps;

    private FaultySchedule(SimNetwork network, Random random, Plan plan) {
        this.network = network;
        this.random = random;
        this.plan = plan;
    }

    public static Log run(SimNetwork network, Random random, Plan plan) {
        return new FaultySchedule(network, random, plan).run();
    }

    private Log run() {
        while (!network.isQuiet()) {
            int index = plan.scripted() ? 0 : random.nextInt(network.inFlight().size());
            NetworkMessage message = network.inFlight().get(index);
            apply(choose(), index, message);
            steps++;
        }
        for (int round = 0; round < FINAL_ROUNDS && !(network.isQuiet() && delayed.isEmpty() && network.allSettled()); round++) {
            network.fireAllTimeouts();
            network.send(delayed);
            delayed.clear();
            network.runToQuiescence();
        }
        return new Log(crashes, redeliveries, delays, earlyTimeouts, tampers, steps);
    }

    private Fault choose() {
        if (plan.scripted()) {
            return steps == plan.scriptedStep() ? (plan.scriptedBefore() ? Fault.CRASH_BEFORE : Fault.CRASH_AFTER) : Fault.NONE;
        }
        if (crashes + redeliveries + delays + earlyTimeouts + tampers >= plan.maxFaults()) {
            return Fault.NONE;
        }
        double roll = random.nextDouble();
        double[] odds = {plan.crashBefore(), plan.crashAfter(), plan.duplicate(), plan.delay(), plan.earlyTimeout(),
                tampers == 0 ? plan.tamper() : 0};
        Fault[] faults = {Fault.CRASH_BEFORE, Fault.CRASH_AFTER, Fault.REDELIVER, Fault.DELAY, Fault.EARLY_TIMEOUT, Fault.TAMPER};
        for (int i = 0; i < odds.length; i++) {
            if (roll < odds[i]) {
                return faults[i];
            }
            roll -= odds[i];
        }
        return Fault.NONE;
    }

    private void apply(Fault fault, int index, NetworkMessage message) {
        Address recipient = message.recipient();
        switch (fault) {
            case CRASH_BEFORE -> {
                crashes++;
                outage(recipient); // the message waits in its queue
            }
            case CRASH_AFTER -> {
                crashes++;
                network.deliver(index);
                outage(recipient);
            }
            case REDELIVER -> {
                redeliveries++;
                network.deliverCopy(message);
            }
            case DELAY -> {
                delays++;
                delayed.add(network.inFlight().remove(index));
            }
            case EARLY_TIMEOUT -> {
                earlyTimeouts++;
                List<Address> addresses = network.addresses();
                Address unlucky = addresses.get(random.nextInt(addresses.size()));
                network.fireTimeouts(unlucky::equals);
            }
            case TAMPER -> {
                tampers++;
                network.inFlight().remove(index);
                network.deliverCopy(tampered(message));
            }
            case NONE -> network.deliver(index);
        }
    }

    /** A long outage (always, when scripted; else one crash in two): every other party's timer fires. */
    private void outage(Address down) {
        if (plan.scripted() || random.nextBoolean()) {
            network.fireTimeouts(address -> !address.equals(down));
        }
    }

    private NetworkMessage tampered(NetworkMessage message) {
        byte[] body = message.body();
        if (body.length > 0) {
            body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return new NetworkMessage(message.kind(), message.conversation(), message.sender(), message.recipient(), body);
    }
}
