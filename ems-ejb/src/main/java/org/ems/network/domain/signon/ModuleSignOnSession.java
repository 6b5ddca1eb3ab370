package org.ems.network.domain.signon;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;
import org.ems.network.domain.Address;
import org.ems.network.domain.Codec;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.Transition;
import org.ems.network.domain.signon.ModuleSignOnState.Phase;

/**
 * The module's steps inside its MM/SS session (figure 6 from step 1334): the session
 * acknowledgement, clock synchronisation, and the release of K and V; the update and
 * recertification are {@link ModuleUpdateSteps}. Every frame comes through the channel; a bad
 * frame ends the sign-on with {@link Outcome#SESSION_ENDED_TAMPERED}.
 */
final class ModuleSignOnSession {

    private ModuleSignOnSession() {
    }

    /** A frame to send and the state after sealing it. */
    record Sent(ModuleSignOnState state, NetworkMessage message) {
    }

    static Transition<ModuleSignOnState> onFrame(ModuleContext context, ModuleSignOnState state, NetworkMessage message) {
        Set<Purpose> expected = expectedIn(state.phase());
        if (expected.isEmpty()) {
            return Transition.rejected(state, "no channel frame expected in " + state.phase());
        }
        if (!message.sender().equals(securityServer(state))) {
            return Transition.rejected(state, "a sign-on frame comes from the session's security server");
        }
        SecureChannel.Receipt receipt = state.channel().orElseThrow().open(message.body(), expected);
        if (receipt instanceof SecureChannel.Rejected rejected) {
            return Transition.settled(state.withChannel(rejected.channel()).ended(Outcome.SESSION_ENDED_TAMPERED),
                    Outcome.SESSION_ENDED_TAMPERED);
        }
        SecureChannel.Opened opened = (SecureChannel.Opened) receipt;
        ModuleSignOnState next = state.withChannel(opened.channel());
        return switch (opened.purpose()) {
            case SIGN_ON_SESSION_ACK -> sessionAcknowledged(context, next, opened.payload());
            case SIGN_ON_TIME_CORRECTION -> timeCorrected(context, next, opened.payload());
            case SIGN_ON_UPDATE -> ModuleUpdateSteps.onUpdate(context, next, opened.payload());
            case SIGN_ON_NEW_CERTIFICATE -> ModuleUpdateSteps.onNewCertificate(context, next, opened.payload());
            case SIGN_ON_RELEASE -> released(context, next, opened.payload());
            default -> throw new IllegalStateException("the channel let through " + opened.purpose());
        };
    }

    private static Set<Purpose> expectedIn(Phase phase) {
        return switch (phase) {
            case AWAITING_SESSION_ACK -> Set.of(Purpose.SIGN_ON_SESSION_ACK);
            case AWAITING_TIME_VERDICT -> Set.of(Purpose.SIGN_ON_TIME_CORRECTION, Purpose.SIGN_ON_UPDATE);
            case AWAITING_NEW_CERTIFICATE -> Set.of(Purpose.SIGN_ON_NEW_CERTIFICATE);
            case AWAITING_RELEASE -> Set.of(Purpose.SIGN_ON_RELEASE);
            default -> Set.of();
        };
    }

    /** Steps 1334-1340: the session has started; send our date and time (first attempt). */
    private static Transition<ModuleSignOnState> sessionAcknowledged(ModuleContext context, ModuleSignOnState state, byte[] payload) {
        Payloads.readOnly(Purpose.SIGN_ON_SESSION_ACK, state.conversation(), payload);
        Sent sent = sendTime(context, state.withClock(state.clockOffset(), 1).in(Phase.AWAITING_TIME_VERDICT));
        return Transition.accepted(sent.state(), sent.message());
    }

    /**
     * Steps 1350-1362: set the clock to the SS's time and report again, or, after the configured
     * number of reports, give up with a clock malfunction (the subscriber or bank may retry).
     */
    private static Transition<ModuleSignOnState> timeCorrected(ModuleContext context, ModuleSignOnState state, byte[] payload) {
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_TIME_CORRECTION, state.conversation(), payload);
        Instant securityServerTime = reader.getInstant();
        reader.end();
        Duration offset = Duration.between(context.clock().instant(), securityServerTime);
        if (state.timeReports() >= context.limits().maxClockSyncAttempts()) {
            ModuleSignOnState failed = state.withClock(offset, state.timeReports()).ended(Outcome.CLOCK_MALFUNCTION);
            return Transition.settled(failed, Outcome.CLOCK_MALFUNCTION);
        }
        Sent sent = sendTime(context, state.withClock(offset, state.timeReports() + 1));
        return Transition.accepted(sent.state(), sent.message());
    }

    private static Sent sendTime(ModuleContext context, ModuleSignOnState state) {
        CanonicalWriter payload = Payloads.writer(Purpose.SIGN_ON_TIME, state.conversation())
                .putInstant(ModuleSignOn.now(context, state))
                .putInt(state.timeReports());
        return send(context, state, Purpose.SIGN_ON_TIME, payload.toBytes());
    }

    /** Steps 1442-1448: the SS has ended its session and released K and V; send E_K(V, destination) to the NS. */
    private static Transition<ModuleSignOnState> released(ModuleContext context, ModuleSignOnState state, byte[] payload) {
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_RELEASE, state.conversation(), payload);
        SecretValue k = SecretValue.read(reader);
        SecretValue v = SecretValue.read(reader);
        reader.end();
        CanonicalWriter verification = Payloads.writer(Purpose.SIGN_ON_VERIFICATION, state.conversation());
        v.write(verification);
        Codec.putOptional(verification, state.destination(), Address::write);
        byte[] sealed = SymmetricCipher.seal(k.bytes(), Purpose.SIGN_ON_VERIFICATION, verification.toBytes(), context.random());
        NetworkMessage message = new NetworkMessage(MessageKind.SIGN_ON_VERIFICATION, state.conversation(), context.address(),
                state.networkServer(), sealed);
        ModuleSignOnState next = state.withChannel(state.channel().orElseThrow().close()).withK(k).in(Phase.AWAITING_NETWORK_ACK);
        return Transition.accepted(next, message);
    }

    /** Seals a frame to the SS in the MM/SS channel. */
    static Sent send(ModuleContext context, ModuleSignOnState state, Purpose purpose, byte[] payload) {
        SecureChannel.Sealed sealed = state.channel().orElseThrow().seal(purpose, payload);
        NetworkMessage message = new NetworkMessage(MessageKind.CHANNEL, state.conversation(), context.address(),
                securityServer(state), sealed.frame());
        return new Sent(state.withChannel(sealed.channel()), message);
    }

    private static ModuleAddress securityServer(ModuleSignOnState state) {
        return new ModuleAddress(state.securityServer().orElseThrow().subjectId());
    }
}
