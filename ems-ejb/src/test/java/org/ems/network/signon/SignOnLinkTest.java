package org.ems.network.signon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;
import org.ems.network.TestNetwork;
import org.ems.network.domain.Address;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Disposition;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.Transition;
import org.ems.network.domain.signon.ModuleSignOn;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.network.domain.signon.NetworkServerSignOn;
import org.ems.network.domain.signon.NetworkServerState;
import org.ems.network.domain.signon.SecurityServerSignOn;
import org.ems.network.domain.signon.SecurityServerState;
import org.junit.jupiter.api.Test;

/** The end of sign-on at the network server: V, the link, sign-off, routing, timeouts and redelivery. */
class SignOnLinkTest {

    static final TestNetwork NET = SignOnTest.NET;

    @Test
    void aWrongVIsDeniedAndTheModuleDisconnected() {
        SignOnHarness run = SignOnTest.signOn(NET.transactionModule()).start(Optional.empty());
        NetworkMessage verification = run.intercept(m -> m.kind() == MessageKind.SIGN_ON_VERIFICATION);
        SecretValue k = run.moduleState().k().orElseThrow();
        var payload = Payloads.writer(Purpose.SIGN_ON_VERIFICATION, run.conversation);
        SecretValue.random(NET.random).write(payload);
        Codec.putOptional(payload, Optional.<Address>empty(), Address::write);
        run.inject(new NetworkMessage(MessageKind.SIGN_ON_VERIFICATION, run.conversation, verification.sender(), verification.recipient(),
                SymmetricCipher.seal(k.bytes(), Purpose.SIGN_ON_VERIFICATION, payload.toBytes(), NET.random)));
        run.finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGN_ON_DENIED_WRONG_VERIFICATION);
        assertThat(run.nsState().outcome()).contains(Outcome.SIGN_ON_DENIED_WRONG_VERIFICATION);
        assertThat(run.ssState().isApproved()).isTrue(); // it released K and V; the module still did not sign on
        SignOnTest.assertNothingLinkedAndAllSettled(run);
    }

    @Test
    void aVerificationThatDoesNotOpenWithKIsAlsoAWrongV() {
        SignOnHarness run = SignOnTest.signOn(NET.transactionModule()).start(Optional.empty());
        NetworkMessage verification = run.intercept(m -> m.kind() == MessageKind.SIGN_ON_VERIFICATION);
        run.inject(new NetworkMessage(verification.kind(), verification.conversation(), verification.sender(), verification.recipient(),
                org.ems.network.Forgery.flipLastByte(verification.body())));
        run.finish();

        assertThat(run.nsState().outcome()).contains(Outcome.SIGN_ON_DENIED_WRONG_VERIFICATION);
        SignOnTest.assertNothingLinkedAndAllSettled(run);
    }

    @Test
    void aModuleThatTimesOutAfterSendingVSignsOffSoTheNetworkServerDropsTheLink() {
        SignOnHarness run = SignOnTest.signOn(NET.transactionModule()).start(Optional.empty());
        NetworkMessage accepted = run.intercept(m -> m.kind() == MessageKind.SIGN_ON_ACCEPTED);
        assertThat(run.nsState().isLinked()).isTrue();
        run.network.fireAllTimeouts();
        run.network.runToQuiescence();
        run.inject(accepted); // arrives late
        run.finish();

        assertThat(run.moduleOutcome()).contains(Outcome.TIMED_OUT);
        assertThat(run.nsState().outcome()).contains(Outcome.SIGNED_OFF);
        SignOnTest.assertNothingLinkedAndAllSettled(run);
    }

    @Test
    void aSignedOnModuleSignsOff() {
        SignOnHarness run = SignOnTest.signOn(NET.transactionModule()).start(Optional.empty()).finish();
        Transition<ModuleSignOnState> off = ModuleSignOn.signOff(run.module.context(), run.moduleState());
        run.module.put(run.conversation, off.state());
        run.network.send(off.outgoing());
        run.finish();

        assertThat(off.outcome()).contains(Outcome.SIGNED_OFF);
        assertThat(run.nsState().outcome()).contains(Outcome.SIGNED_OFF);
        SignOnTest.assertNothingLinkedAndAllSettled(run);
    }

    @Test
    void theNetworkServerRoutesALinkedModulesMessagesToItsDestinationOnly() {
        TestNetwork.Member bank = NET.tellerModule();
        SignOnHarness run = SignOnTest.signOn(NET.transactionModule()).start(Optional.of(SignOnHarness.address(bank))).finish();
        var link = run.moduleState().link().orElseThrow();
        var self = run.module.context().address();
        NetworkMessage toBank = new NetworkMessage(MessageKind.SESSION_REQUEST, ConversationId.random(NET.random), self,
                SignOnHarness.address(bank), new byte[] {1, 2, 3});
        NetworkMessage toElsewhere = new NetworkMessage(MessageKind.SESSION_REQUEST, toBank.conversation(), self,
                SignOnHarness.address(NET.tellerModule()), new byte[] {1, 2, 3});

        Transition<NetworkServerState> routed = NetworkServerSignOn.onMessage(NET.networkServerContext(), run.nsState(),
                link.relay(self, toBank, NET.random));
        Transition<NetworkServerState> refused = NetworkServerSignOn.onMessage(NET.networkServerContext(), run.nsState(),
                link.relay(self, toElsewhere, NET.random));

        assertThat(routed.outgoing()).containsExactly(toBank);
        assertThat(routed.state()).isEqualTo(run.nsState());
        assertThat(refused.disposition()).isEqualTo(Disposition.REJECTED);
    }

    @Test
    void everyMessageDeliveredTwiceChangesNothingTwice() {
        SignOnHarness run = SignOnTest.signOn(NET.transactionModule()).start(Optional.empty());
        while (!run.network.isQuiet()) {
            NetworkMessage next = run.network.inFlight().get(0);
            run.network.deliver(0);
            run.network.deliverCopy(next);
        }
        run.finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        assertThat(run.nsState().isLinked()).isTrue();
        assertThat(run.module.dispositions()).contains(Disposition.DUPLICATE);
        assertThat(run.networkServer.dispositions()).contains(Disposition.DUPLICATE);
        assertThat(run.securityServer.dispositions()).contains(Disposition.DUPLICATE);
        assertThat(run.module.outcomes()).containsExactly(Outcome.SIGNED_ON);
    }

    @Test
    void aForwardFromAnUnknownNetworkServerIsIgnored() {
        ConversationId conversation = ConversationId.random(NET.random);
        NetworkMessage forged = new NetworkMessage(MessageKind.SIGN_ON_FORWARD, conversation, new NetworkServerId("rogue"),
                SignOnHarness.address(NET.securityServer), new byte[64]);
        Transition<SecurityServerState> step = SecurityServerSignOn.onMessage(NET.securityServerContext(),
                SecurityServerState.fresh(conversation), forged);

        assertThat(step.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(step.outgoing()).isEmpty();
    }

    @Test
    void aSignOnRequestCarryingAnotherModulesCertificateIsIgnored() {
        TestNetwork.Member victim = NET.transactionModule();
        ConversationId conversation = ConversationId.random(NET.random);
        NetworkMessage request = ModuleSignOn.start(NET.moduleContext(victim, TestNetwork.CLOCK), conversation, Optional.empty(),
                java.time.Duration.ZERO).outgoing().get(0);
        NetworkMessage fromElsewhere = new NetworkMessage(request.kind(), conversation, SignOnHarness.address(NET.tellerModule()),
                request.recipient(), request.body());

        Transition<NetworkServerState> step = NetworkServerSignOn.onMessage(NET.networkServerContext(),
                NetworkServerState.fresh(conversation), fromElsewhere);
        assertThat(step.disposition()).isEqualTo(Disposition.REJECTED);
    }

    @Test
    void statesRefuseBytesTheyDidNotWrite() {
        SignOnHarness run = SignOnTest.signOn(NET.transactionModule()).start(Optional.empty()).finish();
        byte[] module = run.moduleState().encode();
        byte[] server = run.nsState().encode();

        assertThat(ModuleSignOnState.decode(module).encode()).isEqualTo(module);
        assertThatThrownBy(() -> ModuleSignOnState.decode(java.util.Arrays.copyOf(module, module.length - 1)))
                .isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> NetworkServerState.decode(module)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> SecurityServerState.decode(server)).isInstanceOf(MalformedEncodingException.class);
        assertThat(List.of(NetworkServerState.decode(server))).containsExactly(run.nsState());
    }
}
