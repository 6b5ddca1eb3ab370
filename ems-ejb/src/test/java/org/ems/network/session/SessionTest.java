package org.ems.network.session;

import org.ems.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.ems.crypto.KeyLength;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.crypto.Purpose;
import org.ems.network.Forgery;
import org.ems.network.TestNetwork;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.session.SessionState;
import org.ems.network.signon.SignOnHarness;
import org.ems.network.simulation.Protocols;
import org.junit.jupiter.api.Test;

/** Establish session (figure 7), every branch on either side, direct and through the network server. */
class SessionTest {

    static final TestNetwork NET = new TestNetwork(KeyLength.P256, 7);

    static SessionHarness direct(SessionContext a, SessionContext b) {
        return new SessionHarness(NET, a, b).start().finish();
    }

    @Test
    void twoModulesEstablishASessionDirectlyWithTheSameKey() {
        SessionHarness run = direct(NET.sessionContext(NET.transactionModule()), NET.sessionContext(NET.tellerModule()));

        assertEstablished(run);
        assertThat(run.network.trace().get(0)).startsWith("SESSION_REQUEST");
    }

    @Test
    void aSignedOnModuleEstablishesASessionThroughTheNetworkServerUnderK() {
        TestNetwork.Member a = NET.transactionModule();
        TestNetwork.Member b = NET.tellerModule();
        SignOnHarness signOn = new SignOnHarness(NET, NET.moduleContext(a, TestNetwork.CLOCK), NET.securityServerContext())
                .start(Optional.of(SignOnHarness.address(b))).finish();
        var link = signOn.moduleState().link().orElseThrow();
        SessionHarness run = new SessionHarness(NET, NET.sessionContext(a, TestNetwork.CLOCK, NET.trust, Optional.of(link)),
                NET.sessionContext(b), Optional.of(signOn.nsState()), Protocols.INITIATOR_ONLY, Protocols.RESPONDER_ONLY).start();
        NetworkMessage first = run.network.inFlight().get(0);
        run.finish();

        assertEstablished(run);
        assertThat(first.kind()).isEqualTo(MessageKind.RELAY);
        assertThat(first.recipient()).isEqualTo(NET.networkServer);
        assertThat(indexOf(first.body(), a.certificate().encoded())).as("the certificate travels encrypted with K").isNegative();
        assertThat(run.network.trace()).anyMatch(t -> t.startsWith("SESSION_REQUEST")); // unwrapped by the NS for B
        assertThat(run.a().route()).contains(link);
    }

    @Test
    void aSecurityServerCanBeTheResponder() {
        SessionContext ss = new SessionContext(NET.securityServer.certificate(), NET.securityServer.keys().getPrivate(), NET.trust,
                TestNetwork.CLOCK, NET.random, TestNetwork.LIMITS, Optional.empty());
        assertEstablished(direct(NET.sessionContext(NET.tellerModule()), ss));
    }

    @Test
    void theResponderTerminatesOnAnInvalidInitiatorCertificate() {
        TestNetwork.Member a = forged(NET.transactionModule());
        SessionHarness run = direct(NET.sessionContext(a), NET.sessionContext(NET.tellerModule()));

        assertThat(run.bOutcome()).contains(Outcome.SESSION_TERMINATED_INVALID_CERTIFICATE);
        assertThat(run.aOutcome()).contains(Outcome.TIMED_OUT);
        assertNeitherEstablished(run);
    }

    @Test
    void theInitiatorTerminatesOnAnInvalidResponderCertificate() {
        SessionHarness run = direct(NET.sessionContext(NET.transactionModule()), NET.sessionContext(forged(NET.tellerModule())));

        assertThat(run.aOutcome()).contains(Outcome.SESSION_TERMINATED_INVALID_CERTIFICATE);
        assertThat(run.bOutcome()).contains(Outcome.TIMED_OUT);
        assertNeitherEstablished(run);
    }

    @Test
    void theResponderTerminatesOnABadListedInitiator() {
        TestNetwork.Member a = NET.transactionModule();
        TestNetwork.Member b = NET.tellerModule();
        SessionHarness run = direct(NET.sessionContext(a), NET.sessionContext(b, TestNetwork.CLOCK, NET.trustBadListing(a.id()), Optional.empty()));

        assertThat(run.bOutcome()).contains(Outcome.SESSION_TERMINATED_BAD_ID);
        assertNeitherEstablished(run);
    }

    @Test
    void theInitiatorTerminatesOnABadListedResponder() {
        TestNetwork.Member a = NET.transactionModule();
        TestNetwork.Member b = NET.tellerModule();
        SessionHarness run = direct(NET.sessionContext(a, TestNetwork.CLOCK, NET.trustBadListing(b.id()), Optional.empty()), NET.sessionContext(b));

        assertThat(run.aOutcome()).contains(Outcome.SESSION_TERMINATED_BAD_ID);
        assertNeitherEstablished(run);
    }

    @Test
    void theInitiatorTerminatesWhenTheRespondersTimeIsOutOfRange() {
        TestNetwork.Member b = NET.tellerModule();
        var late = java.time.Clock.fixed(TestNetwork.NOW.plus(Duration.ofMinutes(10)), java.time.ZoneOffset.UTC);
        SessionHarness run = direct(NET.sessionContext(NET.transactionModule()), NET.sessionContext(b, late, NET.trust, Optional.empty()));

        assertThat(run.aOutcome()).contains(Outcome.SESSION_TERMINATED_TIME_OUT_OF_RANGE);
        assertNeitherEstablished(run);
    }

    @Test
    void theResponderTerminatesWhenTheInitiatorsTimeIsOutOfRange() {
        ManualClock clock = new ManualClock(TestNetwork.NOW);
        SessionHarness run = new SessionHarness(NET, NET.sessionContext(NET.transactionModule()),
                NET.sessionContext(NET.tellerModule(), clock, NET.trust, Optional.empty())).start();
        run.network.runUntil(m -> m.kind() == MessageKind.SESSION_RESPONSE);
        clock.advance(Duration.ofMinutes(10)); // B's clock jumps between its challenge and A's response
        run.finish();

        assertThat(run.bOutcome()).contains(Outcome.SESSION_TERMINATED_TIME_OUT_OF_RANGE);
        assertThat(run.aOutcome()).contains(Outcome.TIMED_OUT);
        assertNeitherEstablished(run);
    }

    @Test
    void theResponderTerminatesOnAWrongVerificationMessage() {
        TestNetwork.Member b = NET.tellerModule();
        SessionHarness run = new SessionHarness(NET, NET.sessionContext(NET.transactionModule()), NET.sessionContext(b)).start();
        NetworkMessage response = run.intercept(m -> m.kind() == MessageKind.SESSION_RESPONSE);
        var payload = Payloads.writer(Purpose.SESSION_RESPONSE, run.conversation);
        SecretValue.random(NET.random).write(payload);
        SecretValue.random(NET.random).write(payload); // not B's verification message
        payload.putInstant(TestNetwork.NOW);
        SecretValue.random(NET.random).write(payload);
        run.inject(new NetworkMessage(MessageKind.SESSION_RESPONSE, run.conversation, response.sender(), response.recipient(),
                PublicKeyEncryption.seal(b.keys().getPublic(), Purpose.SESSION_RESPONSE, payload.toBytes())));
        run.finish();

        assertThat(run.bOutcome()).contains(Outcome.SESSION_TERMINATED_VERIFICATION_FAILED);
        assertThat(run.aOutcome()).contains(Outcome.TIMED_OUT);
        assertNeitherEstablished(run);
    }

    @Test
    void theInitiatorTerminatesOnAWrongVerificationMessageAndAbortsTheResponder() {
        SessionHarness run = new SessionHarness(NET, NET.sessionContext(NET.transactionModule()), NET.sessionContext(NET.tellerModule())).start();
        NetworkMessage ack = run.intercept(m -> m.kind() == MessageKind.CHANNEL);
        assertThat(run.b().isEstablished()).isTrue();
        // B's acknowledgement is the first frame B seals: B's channel before it is a fresh one with the session key
        SecureChannel bBefore = SecureChannel.open(Forgery.keyOf(run.b().channel().orElseThrow()), SecureChannel.Side.RESPONDER);
        var payload = Payloads.writer(Purpose.SESSION_ACK, run.conversation);
        SecretValue.random(NET.random).write(payload); // not A's verification message
        run.inject(new NetworkMessage(MessageKind.CHANNEL, run.conversation, ack.sender(), ack.recipient(),
                Forgery.seal(bBefore, Purpose.SESSION_ACK, payload.toBytes())));
        run.finish();

        assertThat(run.aOutcome()).contains(Outcome.SESSION_TERMINATED_VERIFICATION_FAILED);
        assertThat(run.bOutcome()).contains(Outcome.SESSION_ABORTED_BY_PEER);
        assertNeitherEstablished(run);
    }

    @Test
    void aTamperedAcknowledgementEndsBothSides() {
        SessionHarness run = new SessionHarness(NET, NET.sessionContext(NET.transactionModule()), NET.sessionContext(NET.tellerModule())).start();
        NetworkMessage ack = run.intercept(m -> m.kind() == MessageKind.CHANNEL);
        run.inject(new NetworkMessage(ack.kind(), ack.conversation(), ack.sender(), ack.recipient(), Forgery.flipLastByte(ack.body())));
        run.finish();

        assertThat(run.aOutcome()).contains(Outcome.SESSION_ENDED_TAMPERED);
        assertThat(run.bOutcome()).contains(Outcome.SESSION_ABORTED_BY_PEER);
        assertNeitherEstablished(run);
    }

    @Test
    void anAbortWithoutProofIsIgnored() {
        SessionHarness run = direct(NET.sessionContext(NET.transactionModule()), NET.sessionContext(NET.tellerModule()));
        byte[] body = Payloads.writer(Purpose.SESSION_ABORT, run.conversation).putBytes(new byte[32]).toBytes();
        run.inject(new NetworkMessage(MessageKind.SESSION_ABORT, run.conversation, run.a().peerAddress(), run.b().peerAddress(), body));
        run.network.runToQuiescence();
        var received = org.ems.network.domain.session.SessionTraffic.receive(run.responder.context(), run.b(),
                new NetworkMessage(MessageKind.SESSION_ABORT, run.conversation, run.b().peerAddress(), run.a().peerAddress(), body), Set.of());

        assertThat(received.transition().isAccepted()).isFalse();
        assertThat(run.b().isEstablished()).isTrue();
    }

    @Test
    void theCertificateMustBeThatOfThePeerTheInitiatorAskedFor() {
        TestNetwork.Member a = NET.transactionModule();
        TestNetwork.Member b = NET.tellerModule();
        TestNetwork.Member impostor = NET.tellerModule();
        SessionHarness run = new SessionHarness(NET, NET.sessionContext(a), NET.sessionContext(b)).start();
        NetworkMessage challenge = run.intercept(m -> m.kind() == MessageKind.SESSION_CHALLENGE);
        // the impostor answers as B with its own (valid) certificate
        var payload = Payloads.writer(Purpose.SESSION_CHALLENGE, run.conversation);
        SecretValue.random(NET.random).write(payload);
        SecretValue.random(NET.random).write(payload);
        payload.putInstant(TestNetwork.NOW);
        byte[] sealed = PublicKeyEncryption.seal(a.keys().getPublic(), Purpose.SESSION_CHALLENGE, payload.toBytes());
        run.inject(new NetworkMessage(MessageKind.SESSION_CHALLENGE, run.conversation, challenge.sender(), challenge.recipient(),
                new Payloads.SealedWithCertificate(sealed, impostor.certificate()).encode()));
        run.finish();

        assertThat(run.aOutcome()).contains(Outcome.SESSION_TERMINATED_INVALID_CERTIFICATE);
    }

    static TestNetwork.Member forged(TestNetwork.Member genuine) {
        return new TestNetwork.Member(genuine.id(), genuine.keys(), Forgery.withBrokenSignature(genuine.certificate()));
    }

    static void assertEstablished(SessionHarness run) {
        assertThat(run.aOutcome()).contains(Outcome.SESSION_ESTABLISHED);
        assertThat(run.bOutcome()).contains(Outcome.SESSION_ESTABLISHED);
        assertThat(run.a().channel().orElseThrow().sharesKeyWith(run.b().channel().orElseThrow())).isTrue();
        assertThat(run.network.allSettled()).isTrue();
    }

    static void assertNeitherEstablished(SessionHarness run) {
        assertThat(run.a().isEstablished()).isFalse();
        assertThat(run.b().isEstablished()).isFalse();
        assertThat(run.a().phase()).isEqualTo(SessionState.Phase.ENDED);
        assertThat(run.b().phase()).isEqualTo(SessionState.Phase.ENDED);
        assertThat(run.network.allSettled()).isTrue();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
