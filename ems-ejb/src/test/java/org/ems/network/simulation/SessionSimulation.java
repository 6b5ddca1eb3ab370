package org.ems.network.simulation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.ems.crypto.KeyLength;
import org.ems.network.Forgery;
import org.ems.network.TestNetwork;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkLink;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.session.SessionInitiator;
import org.ems.network.domain.session.SessionState;
import org.ems.network.domain.signon.NetworkServerContext;
import org.ems.network.domain.signon.NetworkServerState;
import org.ems.network.domain.signon.SecurityServerRoute;
import org.ems.network.signon.SignOnHarness;

/**
 * One seeded establish-session run, followed (when established) by the ping protocol of
 * {@link Protocols} and a close: a scenario for figure 7's branches, initiator A and responder B
 * (and A's network server when A is signed on), a fault plan, and the invariants at quiescence.
 */
public final class SessionSimulation {

    /** The branch the parties are set up for, and both final outcomes when nothing goes wrong. */
    public enum Scenario {
        DIRECT(Outcome.SESSION_ENDED, Outcome.SESSION_ENDED),
        THROUGH_NETWORK_SERVER(Outcome.SESSION_ENDED, Outcome.SESSION_ENDED),
        SECURITY_SERVER_RESPONDS(Outcome.SESSION_ENDED, Outcome.SESSION_ENDED),
        INITIATOR_INVALID(Outcome.TIMED_OUT, Outcome.SESSION_TERMINATED_INVALID_CERTIFICATE),
        RESPONDER_INVALID(Outcome.SESSION_TERMINATED_INVALID_CERTIFICATE, Outcome.TIMED_OUT),
        INITIATOR_BAD_LISTED(Outcome.TIMED_OUT, Outcome.SESSION_TERMINATED_BAD_ID),
        RESPONDER_BAD_LISTED(Outcome.SESSION_TERMINATED_BAD_ID, Outcome.TIMED_OUT),
        RESPONDER_CLOCK_OFF(Outcome.SESSION_TERMINATED_TIME_OUT_OF_RANGE, Outcome.TIMED_OUT);

        final Outcome expectedA;
        final Outcome expectedB;

        Scenario(Outcome expectedA, Outcome expectedB) {
            this.expectedA = expectedA;
            this.expectedB = expectedB;
        }
    }

    public record Result(long seed, Scenario scenario, FaultySchedule.Log faults, Outcome a, Outcome b, List<String> violations,
            List<String> trace) {
    }

    static final TestNetwork NET = new TestNetwork(KeyLength.P256, 19970527);
    static final TestNetwork.Member A = NET.transactionModule();
    static final TestNetwork.Member B = NET.tellerModule();
    static final TestNetwork.Member SECURITY_SERVER = NET.securityServer;
    static final TrustedLists BLOCKING_A = NET.trustBadListing(A.id());
    static final TrustedLists BLOCKING_B = NET.trustBadListing(B.id());
    /** A signed on once, linked to B: the NS's stored link and A's copy. */
    static final SignOnHarness SIGNED_ON = new SignOnHarness(NET, NET.moduleContext(A, TestNetwork.CLOCK), NET.securityServerContext())
            .start(Optional.of(SignOnHarness.address(B))).finish();
    static final NetworkServerState LINKED = SIGNED_ON.nsState();
    static final NetworkLink LINK = SIGNED_ON.moduleState().link().orElseThrow();

    private SessionSimulation() {
    }

    public static Result run(long seed, FaultySchedule.Plan plan) {
        Random random = SimulationRuns.random(seed);
        return run(seed, Scenario.values()[random.nextInt(Scenario.values().length)], plan, random);
    }

    public static Result run(long seed, Scenario scenario, FaultySchedule.Plan plan, Random random) {
        SecureRandom secure = TestNetwork.seeded(seed);
        SimNetwork network = new SimNetwork();
        SessionContext a = initiator(scenario, secure);
        SessionContext b = responder(scenario, secure);
        var initiator = network.add(new PartyRuntime<>(a.address(), a, Protocols.INITIATOR));
        var responder = network.add(new PartyRuntime<>(b.address(), b, Protocols.RESPONDER));
        var ns = network.add(new PartyRuntime<>(NET.networkServer, new NetworkServerContext(NET.networkServer,
                List.of(new SecurityServerRoute(NET.securityServer.id(), NET.nsSsKey)), secure), Protocols.NETWORK_SERVER));
        ns.put(LINKED.conversation(), LINKED);
        ConversationId conversation = ConversationId.random(secure);
        network.send(initiator.started(conversation, SessionInitiator.start(a, conversation, b.address())));

        FaultySchedule.Log log = FaultySchedule.run(network, random, plan);

        SessionState stateA = initiator.state(conversation);
        SessionState stateB = responder.state(conversation);
        List<String> violations = check(scenario, log, network, stateA, stateB, initiator.outcomes(), responder.outcomes(),
                ns.state(LINKED.conversation()));
        return new Result(seed, scenario, log, stateA.outcome().orElse(null), stateB == null ? null : stateB.outcome().orElse(null),
                violations, network.trace());
    }

    private static SessionContext initiator(Scenario scenario, SecureRandom random) {
        TestNetwork.Member member = scenario == Scenario.INITIATOR_INVALID ? forged(A) : A;
        TrustedLists trust = scenario == Scenario.RESPONDER_BAD_LISTED ? BLOCKING_B : NET.trust;
        Optional<NetworkLink> link = scenario == Scenario.THROUGH_NETWORK_SERVER ? Optional.of(LINK) : Optional.empty();
        return new SessionContext(member.certificate(), member.keys().getPrivate(), trust, TestNetwork.CLOCK, random, TestNetwork.LIMITS, link);
    }

    private static SessionContext responder(Scenario scenario, SecureRandom random) {
        TestNetwork.Member member = switch (scenario) {
            case SECURITY_SERVER_RESPONDS -> SECURITY_SERVER;
            case RESPONDER_INVALID -> forged(B);
            default -> B;
        };
        TrustedLists trust = scenario == Scenario.INITIATOR_BAD_LISTED ? BLOCKING_A : NET.trust;
        Clock clock = scenario == Scenario.RESPONDER_CLOCK_OFF
                ? Clock.fixed(TestNetwork.NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC) : TestNetwork.CLOCK;
        return new SessionContext(member.certificate(), member.keys().getPrivate(), trust, clock, random, TestNetwork.LIMITS, Optional.empty());
    }

    private static TestNetwork.Member forged(TestNetwork.Member genuine) {
        return new TestNetwork.Member(genuine.id(), genuine.keys(), Forgery.withBrokenSignature(genuine.certificate()));
    }

    static List<String> check(Scenario scenario, FaultySchedule.Log log, SimNetwork network, SessionState a, SessionState b,
            List<Outcome> outcomesA, List<Outcome> outcomesB, NetworkServerState link) {
        List<String> violations = new ArrayList<>();
        boolean everA = outcomesA.contains(Outcome.SESSION_ESTABLISHED);
        boolean everB = outcomesB.contains(Outcome.SESSION_ESTABLISHED);
        require(violations, network.allSettled(), "a party is left waiting (not settled)");
        require(violations, link.isLinked() && link.equals(LINKED), "routing changed the network server's link");
        require(violations, !everA || everB, "the initiator established a session the responder never established");
        require(violations, !(everA && everB) || a.channel().orElseThrow().sharesKeyWith(b.channel().orElseThrow()),
                "the two sides hold different session keys");
        boolean usableA = a.isEstablished();
        boolean usableB = b != null && b.isEstablished();
        if (!log.tampered()) {
            require(violations, usableA == usableB, "a session is usable by one side only: A " + a.phase() + ", B " + (b == null ? "-" : b.phase()));
            Outcome finalA = a.outcome().orElse(null);
            Outcome finalB = b == null ? null : b.outcome().orElse(null);
            require(violations, (finalA == Outcome.SESSION_ENDED) == (finalB == Outcome.SESSION_ENDED),
                    "one side closed normally, the other did not: " + finalA + " / " + finalB);
            require(violations, !everB || everA || finalB == Outcome.SESSION_ABORTED_BY_PEER,
                    "B established without A and was not aborted: " + finalB);
            require(violations, finalA == scenario.expectedA || finalA == Outcome.TIMED_OUT, "A ended " + finalA + " in " + scenario);
        }
        if (!log.anyFault()) {
            require(violations, a.outcome().equals(Optional.of(scenario.expectedA)) && b.outcome().equals(Optional.of(scenario.expectedB)),
                    "without faults " + scenario + " must end " + scenario.expectedA + "/" + scenario.expectedB + ", not " + a.outcome()
                            + "/" + b.outcome());
        }
        return violations;
    }

    private static void require(List<String> violations, boolean holds, String violation) {
        if (!holds) {
            violations.add(violation);
        }
    }
}
