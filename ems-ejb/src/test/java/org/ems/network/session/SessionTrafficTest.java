package org.ems.network.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.ems.crypto.Purpose;
import org.ems.network.Forgery;
import org.ems.network.TestNetwork;
import org.ems.network.domain.Disposition;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Transition;
import org.ems.network.domain.session.SessionState;
import org.ems.network.domain.session.SessionTraffic;
import org.ems.network.signon.SignOnHarness;
import org.ems.network.simulation.Protocols;
import org.junit.jupiter.api.Test;

/** Messages inside an established session: in order they pass; replayed or tampered they end both sides. */
class SessionTrafficTest {

    static final TestNetwork NET = SessionTest.NET;

    static SessionHarness pinging() {
        return new SessionHarness(NET, NET.sessionContext(NET.transactionModule()), NET.sessionContext(NET.tellerModule()),
                Optional.empty(), Protocols.INITIATOR, Protocols.RESPONDER).start();
    }

    @Test
    void pingsAreEchoedAndTheSessionClosesOnBothSides() {
        SessionHarness run = pinging().finish();

        assertThat(run.initiator.outcomes()).containsExactly(Outcome.SESSION_ESTABLISHED, Outcome.SESSION_ENDED);
        assertThat(run.responder.outcomes()).containsExactly(Outcome.SESSION_ESTABLISHED, Outcome.SESSION_ENDED);
        assertThat(run.a().channel().orElseThrow().nextSendSequence()).isEqualTo(Protocols.PINGS + 1); // pings and the close
    }

    @Test
    void aRedeliveredFrameIsIgnoredButATamperedOneEndsTheSessionAndAbortsThePeer() {
        SessionHarness run = pinging();
        run.network.runUntil(m -> m.kind() == MessageKind.CHANNEL && m.recipient().equals(run.responder.address())
                && run.b().isEstablished());
        NetworkMessage firstPing = run.network.inFlight().get(0);
        run.network.runUntil(m -> m.kind() == MessageKind.CHANNEL && m.recipient().equals(run.responder.address())
                && run.b().channel().orElseThrow().nextReceiveSequence() == 1);
        run.network.deliverCopy(firstPing);
        assertThat(run.responder.dispositions()).endsWith(Disposition.DUPLICATE);

        NetworkMessage secondPing = run.network.inFlight().remove(0);
        run.inject(new NetworkMessage(secondPing.kind(), secondPing.conversation(), secondPing.sender(), secondPing.recipient(),
                Forgery.flipLastByte(secondPing.body())));
        run.finish();

        assertThat(run.bOutcome()).contains(Outcome.SESSION_ENDED_TAMPERED);
        assertThat(run.aOutcome()).contains(Outcome.SESSION_ABORTED_BY_PEER);
        assertThat(run.a().isEstablished() || run.b().isEstablished()).isFalse();
    }

    @Test
    void aFrameReplayedAfterTheRedeliveryMemoryIsRefusedAsAReplay() {
        SessionHarness run = new SessionHarness(NET, NET.sessionContext(NET.transactionModule()), NET.sessionContext(NET.tellerModule()))
                .start().finish();
        SessionState a = run.a();
        SessionState b = run.b();
        NetworkMessage first = null;
        for (int i = 0; i <= org.ems.network.domain.ProcessedMessages.CAPACITY; i++) {
            Transition<SessionState> sent = SessionTraffic.send(run.initiator.context(), a, Purpose.SESSION_KEEPALIVE, new byte[] {(byte) i});
            a = sent.state();
            first = first == null ? sent.outgoing().get(0) : first;
            b = SessionTraffic.receive(run.responder.context(), b, sent.outgoing().get(0), Set.of(Purpose.SESSION_KEEPALIVE))
                    .transition().state();
        }
        Transition<SessionState> replayed = SessionTraffic.receive(run.responder.context(), b, first, Set.of(Purpose.SESSION_KEEPALIVE))
                .transition();

        assertThat(replayed.outcome()).contains(Outcome.SESSION_ENDED_TAMPERED);
        assertThat(replayed.state().channel().orElseThrow().brokenBy()).contains(org.ems.network.domain.ChannelRejection.REPLAYED);
        assertThat(replayed.outgoing()).singleElement().matches(m -> m.kind() == MessageKind.SESSION_ABORT);
        Transition<SessionState> aborted = SessionTraffic.receive(run.initiator.context(), a, replayed.outgoing().get(0), Set.of())
                .transition();
        assertThat(aborted.outcome()).contains(Outcome.SESSION_ABORTED_BY_PEER);
    }

    @Test
    void trafficOfASignedOnInitiatorGoesThroughTheNetworkServer() {
        TestNetwork.Member a = NET.transactionModule();
        TestNetwork.Member b = NET.tellerModule();
        SignOnHarness signOn = new SignOnHarness(NET, NET.moduleContext(a, TestNetwork.CLOCK), NET.securityServerContext())
                .start(Optional.of(SignOnHarness.address(b))).finish();
        SessionHarness run = new SessionHarness(NET, NET.sessionContext(a, TestNetwork.CLOCK, NET.trust, signOn.moduleState().link()),
                NET.sessionContext(b), Optional.of(signOn.nsState()), Protocols.INITIATOR, Protocols.RESPONDER).start().finish();

        assertThat(run.initiator.outcomes()).containsExactly(Outcome.SESSION_ESTABLISHED, Outcome.SESSION_ENDED);
        assertThat(run.responder.outcomes()).containsExactly(Outcome.SESSION_ESTABLISHED, Outcome.SESSION_ENDED);
        assertThat(run.network.trace().stream().filter(t -> t.startsWith("RELAY")).count()).isEqualTo(2 + Protocols.PINGS + 1);
    }
}
