package org.ems.network.simulation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.ems.crypto.KeyLength;
import org.ems.network.Forgery;
import org.ems.network.TestNetwork;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.signon.ModuleCertifier;
import org.ems.network.domain.signon.ModuleContext;
import org.ems.network.domain.signon.ModuleSignOn;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.network.domain.signon.NetworkServerContext;
import org.ems.network.domain.signon.NetworkServerState;
import org.ems.network.domain.signon.SecurityServerContext;
import org.ems.network.domain.signon.SecurityServerRoute;
import org.ems.network.domain.signon.SecurityServerState;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.ModuleRole;

/**
 * One seeded sign-on run: a scenario (which branch of figure 6 the parties are set up for), the
 * three parties on the in-memory network, a fault plan, and the invariants checked when nothing
 * moves any more. Everything that varies is drawn from the seed.
 */
public final class SignOnSimulation {

    /** The branch a run's parties are set up for, and the module's outcome when nothing goes wrong. */
    public enum Scenario {
        NORMAL(Outcome.SIGNED_ON), NO_DESTINATION(Outcome.SIGNED_ON), EXPIRED(Outcome.SIGNED_ON),
        GLOBAL_RECERTIFICATION(Outcome.SIGNED_ON), BAD_LISTED(Outcome.SIGN_ON_DENIED_BAD_ID),
        INVALID_CERTIFICATE(Outcome.SIGN_ON_DENIED_INVALID_CERTIFICATE), CLOCK_OFF(Outcome.SIGNED_ON),
        CLOCK_BROKEN(Outcome.CLOCK_MALFUNCTION), FAULTY_ISSUER(Outcome.CERTIFICATE_MALFUNCTION);

        final Outcome expected;

        Scenario(Outcome expected) {
            this.expected = expected;
        }
    }

    /** What a run did and what it broke (empty when every invariant held). */
    public record Result(long seed, Scenario scenario, FaultySchedule.Log faults, Outcome moduleOutcome, List<String> violations,
            List<String> trace) {
    }

    static final Set<Outcome> DENIALS = Set.of(Outcome.SIGN_ON_DENIED_INVALID_CERTIFICATE, Outcome.SIGN_ON_DENIED_BAD_ID,
            Outcome.SIGN_ON_DENIED_WRONG_SS_VERIFICATION, Outcome.SIGN_ON_DENIED_WRONG_VERIFICATION, Outcome.RECERTIFICATION_DENIED,
            Outcome.SIGN_ON_DENIED_FALSE_CERTIFICATE_REPORT, Outcome.CERTIFICATE_MALFUNCTION);

    static final TestNetwork NET = new TestNetwork(KeyLength.P256, 20261130);
    static final TestNetwork.Member MODULE = NET.transactionModule();
    static final TestNetwork.Member BANK = NET.tellerModule();
    static final TestNetwork.Member EXPIRED = NET.module(ModuleRole.TRANSACTION, 13_000_000,
            TestNetwork.NOW.minus(Duration.ofDays(400)), TestNetwork.NOW.minusSeconds(60));
    static final TestNetwork.Member BLOCKED = NET.transactionModule();
    static final TestNetwork.Member FORGED = new TestNetwork.Member(MODULE.id(), MODULE.keys(), Forgery.withBrokenSignature(MODULE.certificate()));
    static final TrustedLists BLOCKING = NET.trustBadListing(BLOCKED.id());

    private SignOnSimulation() {
    }

    public static Result run(long seed, FaultySchedule.Plan plan) {
        Random random = SimulationRuns.random(seed);
        Scenario scenario = Scenario.values()[random.nextInt(Scenario.values().length)];
        return run(seed, scenario, plan, random);
    }

    public static Result run(long seed, Scenario scenario, FaultySchedule.Plan plan, Random random) {
        SecureRandom secure = TestNetwork.seeded(seed);
        SimNetwork network = new SimNetwork();
        ModuleContext moduleContext = moduleContext(scenario, secure);
        var module = network.add(new PartyRuntime<>(moduleContext.address(), moduleContext, Protocols.MODULE));
        var ns = network.add(new PartyRuntime<>(NET.networkServer, new NetworkServerContext(NET.networkServer,
                List.of(new SecurityServerRoute(NET.securityServer.id(), NET.nsSsKey)), secure), Protocols.NETWORK_SERVER));
        SecurityServerContext ssContext = securityServerContext(scenario, secure);
        var ss = network.add(new PartyRuntime<>(ssContext.address(), ssContext, Protocols.SECURITY_SERVER));
        ConversationId conversation = ConversationId.random(secure);
        Optional<org.ems.network.domain.Address> destination = scenario == Scenario.NO_DESTINATION
                ? Optional.empty() : Optional.of(new ModuleAddress(BANK.id()));
        network.send(module.started(conversation, ModuleSignOn.start(moduleContext, conversation, destination, Duration.ZERO)));

        FaultySchedule.Log log = FaultySchedule.run(network, random, plan);

        List<String> violations = SignOnInvariants.check(scenario, log, network, module.state(conversation), ns.state(conversation),
                ss.state(conversation), ns.outcomes(), destination);
        return new Result(seed, scenario, log, module.state(conversation).outcome().orElse(null), violations, network.trace());
    }

    private static ModuleContext moduleContext(Scenario scenario, SecureRandom random) {
        TestNetwork.Member member = switch (scenario) {
            case EXPIRED, FAULTY_ISSUER -> EXPIRED;
            case BAD_LISTED -> BLOCKED;
            case INVALID_CERTIFICATE -> FORGED;
            default -> MODULE;
        };
        Clock clock = switch (scenario) {
            case CLOCK_OFF -> Clock.fixed(TestNetwork.NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
            case CLOCK_BROKEN -> Forgery.brokenClock(TestNetwork.NOW, Duration.ofHours(1));
            default -> TestNetwork.CLOCK;
        };
        return new ModuleContext(member.certificate(), member.keys().getPrivate(), NET.trust, NET.networkServer, clock, random,
                TestNetwork.LIMITS);
    }

    private static SecurityServerContext securityServerContext(Scenario scenario, SecureRandom random) {
        TrustedLists trust = scenario == Scenario.BAD_LISTED ? BLOCKING : NET.trust;
        var recertification = scenario == Scenario.GLOBAL_RECERTIFICATION
                ? Optional.of(NET.globalRecertification(TestNetwork.NOW.minus(Duration.ofDays(1)), TestNetwork.NOW.plus(Duration.ofDays(30))))
                : Optional.<org.ems.security.domain.GlobalRecertification>empty();
        ModuleCertifier certifier = scenario == Scenario.FAULTY_ISSUER
                ? (id, role, key, now) -> CertificateIssuer.certifyModule(NET.securityServer.certificate(),
                        NET.securityServer.keys().getPrivate(), id, role, key, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)),
                        NET.scheme)
                : NET.certifier();
        return new SecurityServerContext(NET.securityServer.certificate(), NET.securityServer.keys().getPrivate(), trust,
                java.util.Map.of(NET.networkServer, NET.nsSsKey), recertification, certifier, TestNetwork.CLOCK, random, TestNetwork.LIMITS);
    }

    /** The invariants at quiescence; each violation is a sentence. */
    static final class SignOnInvariants {

        private SignOnInvariants() {
        }

        static List<String> check(Scenario scenario, FaultySchedule.Log log, SimNetwork network, ModuleSignOnState module,
                NetworkServerState ns, SecurityServerState ss, List<Outcome> nsOutcomes, Optional<org.ems.network.domain.Address> destination) {
            List<String> violations = new ArrayList<>();
            boolean signedOn = module.isSignedOn();
            boolean linked = ns != null && ns.isLinked();
            boolean approved = ss != null && ss.isApproved();
            require(violations, network.allSettled(), "a party is left waiting (not settled)");
            require(violations, !linked || approved, "the NS linked a module whose SS session did not end normally");
            require(violations, !signedOn || (linked && approved), "the module is signed on but the NS did not link it or the SS did not approve");
            require(violations, !signedOn || module.link().orElseThrow().k().equals(ns.k().orElseThrow()), "module and NS hold different K");
            require(violations, !signedOn || ns.destination().equals(destination), "the NS linked another destination");
            boolean denied = ss != null && ss.outcome().filter(DENIALS::contains).isPresent();
            require(violations, !denied || (!linked && !signedOn), "a module the SS denied is linked or signed on");
            require(violations, !module.outcome().filter(DENIALS::contains).isPresent() || !linked, "a denied module is linked at the NS");
            require(violations, nsOutcomes.size() <= 2 && (nsOutcomes.size() < 2 || nsOutcomes.equals(List.of(Outcome.SIGNED_ON, Outcome.SIGNED_OFF))),
                    "the NS settled more than once: " + nsOutcomes);
            if (!log.tampered()) {
                require(violations, signedOn == (linked && approved), "half-open sign-on: module " + module.phase() + ", NS linked " + linked
                        + ", SS approved " + approved);
                Outcome outcome = module.outcome().orElse(null);
                require(violations, outcome == scenario.expected || outcome == Outcome.TIMED_OUT, "module outcome " + outcome + " in " + scenario);
            }
            if (!log.anyFault()) {
                require(violations, module.outcome().equals(Optional.of(scenario.expected)),
                        "without faults " + scenario + " must end in " + scenario.expected + ", not " + module.outcome());
                boolean renewed = scenario == Scenario.EXPIRED || scenario == Scenario.GLOBAL_RECERTIFICATION;
                require(violations, module.recertification().isPresent() == renewed, "recertification " + module.recertification().isPresent()
                        + " in " + scenario);
            }
            return violations;
        }

        private static void require(List<String> violations, boolean holds, String violation) {
            if (!holds) {
                violations.add(violation);
            }
        }
    }
}
