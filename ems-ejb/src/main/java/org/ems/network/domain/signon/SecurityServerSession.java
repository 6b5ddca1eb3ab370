package org.ems.network.domain.signon;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.network.domain.CertificateCheck;
import org.ems.network.domain.Codec;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.Transition;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.signon.SecurityServerState.Phase;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ExpiryCheck;

/**
 * The security server's steps inside the MM/SS session (figure 6 from step 1342): clock
 * checks and corrections, the signed update, recertification, the module's report of an invalid
 * certificate, and the release of K and V at the normal end of the session.
 */
final class SecurityServerSession {

    /** A recertification request holds a module id and a public key; far below this. */
    private static final int MAX_REQUEST_BYTES = 4096;

    private SecurityServerSession() {
    }

    static Transition<SecurityServerState> onFrame(SecurityServerContext context, SecurityServerState state,
            NetworkMessage message) {
        Set<Purpose> expected = switch (state.phase()) {
            case AWAITING_TIME -> Set.of(Purpose.SIGN_ON_TIME);
            case AWAITING_ACK_OR_RECERTIFICATION -> Set.of(Purpose.SIGN_ON_MODULE_ACK, Purpose.SIGN_ON_RECERTIFICATION_REQUEST);
            case AWAITING_CERTIFICATE_ACK -> Set.of(Purpose.SIGN_ON_MODULE_ACK, Purpose.SIGN_ON_CERTIFICATE_INVALID);
            default -> Set.of();
        };
        if (expected.isEmpty()) {
            return Transition.rejected(state, "no channel frame expected in " + state.phase());
        }
        if (!message.sender().equals(SecurityServerSignOn.moduleAddress(state))) {
            return Transition.rejected(state, "a sign-on frame comes from the module signing on");
        }
        SecureChannel.Receipt receipt = state.channel().orElseThrow().open(message.body(), expected);
        if (receipt instanceof SecureChannel.Rejected rejected) {
            SecurityServerState broken = state.in(state.phase(), rejected.channel(), state.timeChecks());
            return Transition.settled(broken.ended(Outcome.SESSION_ENDED_TAMPERED), Outcome.SESSION_ENDED_TAMPERED);
        }
        SecureChannel.Opened opened = (SecureChannel.Opened) receipt;
        SecurityServerState next = state.in(state.phase(), opened.channel(), state.timeChecks());
        return switch (opened.purpose()) {
            case SIGN_ON_TIME -> time(context, next, opened.payload());
            case SIGN_ON_MODULE_ACK -> release(context, next, opened.payload());
            case SIGN_ON_RECERTIFICATION_REQUEST -> recertify(context, next, opened.payload());
            case SIGN_ON_CERTIFICATE_INVALID -> certificateReport(context, next, opened.payload());
            default -> throw new IllegalStateException("the channel let through " + opened.purpose());
        };
    }

    /** Steps 1342-1350: within tolerance, send the update; else our time, and after the last allowed check, stop. */
    private static Transition<SecurityServerState> time(SecurityServerContext context, SecurityServerState state, byte[] payload) {
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_TIME, state.conversation(), payload);
        Instant moduleTime = reader.getInstant();
        reader.getInt(); // the module's attempt number: informative, the server counts for itself
        reader.end();
        int checks = state.timeChecks() + 1;
        Instant now = SecurityServerSignOn.now(context);
        if (Duration.between(now, moduleTime).abs().compareTo(context.limits().clockTolerance()) <= 0) {
            return update(context, state, checks, now);
        }
        SecureChannel.Sealed correction = state.channel().orElseThrow().seal(Purpose.SIGN_ON_TIME_CORRECTION,
                Payloads.writer(Purpose.SIGN_ON_TIME_CORRECTION, state.conversation()).putInstant(now).toBytes());
        SecurityServerState next = state.in(Phase.AWAITING_TIME, correction.channel(), checks);
        if (checks >= context.limits().maxClockSyncAttempts()) {
            return Transition.settled(next.ended(Outcome.CLOCK_MALFUNCTION), Outcome.CLOCK_MALFUNCTION,
                    SecurityServerSignOn.frameTo(context, state, correction.frame()));
        }
        return Transition.accepted(next, SecurityServerSignOn.frameTo(context, state, correction.frame()));
    }

    /** Steps 1364-1372: bad-ID list, PSS key list, key-length policy, and "recertify" if a global call covers the module; signed. */
    private static Transition<SecurityServerState> update(SecurityServerContext context, SecurityServerState state, int checks,
            Instant now) {
        TrustedLists trust = context.trust();
        boolean recertify = context.globalRecertification()
                .map(call -> call.requiresRecertification(state.module().orElseThrow(), now))
                .orElse(false);
        CanonicalWriter payload = Payloads.writer(Purpose.SIGN_ON_UPDATE, state.conversation())
                .putBytes(trust.pssKeys().encoded())
                .putBytes(trust.badIds().encoded())
                .putBytes(trust.signedPolicy().encoded());
        Codec.putFlag(payload, recertify);
        SignedEnvelope signed = SignedEnvelope.sign(payload.toBytes(), context.privateKey());
        SecureChannel.Sealed frame = state.channel().orElseThrow().seal(Purpose.SIGN_ON_UPDATE, signed.encoded());
        return Transition.accepted(state.in(Phase.AWAITING_ACK_OR_RECERTIFICATION, frame.channel(), checks),
                SecurityServerSignOn.frameTo(context, state, frame.frame()));
    }

    /** Steps 1398-1402: the new key must be signed with the module's current key and be long enough; then certify it. */
    private static Transition<SecurityServerState> recertify(SecurityServerContext context, SecurityServerState state, byte[] frame) {
        Certificate module = state.module().orElseThrow();
        SignedEnvelope request = SignedEnvelope.decode(frame, Purpose.SIGN_ON_RECERTIFICATION_REQUEST, MAX_REQUEST_BYTES);
        if (!request.isSignedBy(module.publicKey())) {
            return SecurityServerSignOn.deny(context, state, Outcome.RECERTIFICATION_DENIED);
        }
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_RECERTIFICATION_REQUEST, state.conversation(), request.payload());
        long moduleId = reader.getLong();
        byte[] keyBytes = reader.getBytes(Crypto.MAX_ENCODED_KEY_BYTES);
        reader.end();
        Instant now = SecurityServerSignOn.now(context);
        try {
            PublicKey newKey = Crypto.decodePublicKey(keyBytes);
            if (moduleId != module.subjectId().value()
                    || !KeyLength.of(newKey).isAtLeast(context.trust().keyLengthPolicy().requiredFor(module.subjectRole()))) {
                return SecurityServerSignOn.deny(context, state, Outcome.RECERTIFICATION_DENIED);
            }
            Certificate issued = context.certifier().certify(module.subjectId(), module.subjectRole(), newKey, now);
            SecureChannel.Sealed sealed = state.channel().orElseThrow().seal(Purpose.SIGN_ON_NEW_CERTIFICATE,
                    Payloads.writer(Purpose.SIGN_ON_NEW_CERTIFICATE, state.conversation()).putBytes(issued.encoded()).toBytes());
            return Transition.accepted(state.withIssued(issued).in(Phase.AWAITING_CERTIFICATE_ACK, sealed.channel(), state.timeChecks()),
                    SecurityServerSignOn.frameTo(context, state, sealed.frame()));
        } catch (IllegalArgumentException e) {
            return SecurityServerSignOn.deny(context, state, Outcome.RECERTIFICATION_DENIED);
        }
    }

    /**
     * Steps 1414-1422: the module says its new certificate is invalid. If it is the one issued and
     * this server finds it invalid too, that is a malfunction (the NS tells the module, which may
     * retry); if the certificate is valid, or not the one issued, the module is wrong: denied.
     */
    private static Transition<SecurityServerState> certificateReport(SecurityServerContext context, SecurityServerState state,
            byte[] payload) {
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_CERTIFICATE_INVALID, state.conversation(), payload);
        byte[] reported = reader.getBytes(Certificate.MAX_ENCODED_BYTES);
        reader.end();
        Certificate issued = state.issued().orElseThrow();
        boolean issuedIsInvalid = CertificateCheck.problemWith(
                context.trust().validatorAt(SecurityServerSignOn.now(context), context.limits().clockTolerance(), true),
                issued, ExpiryCheck.ENFORCE).isPresent();
        if (Arrays.equals(reported, issued.encoded()) && issuedIsInvalid) {
            return SecurityServerSignOn.deny(context, state, Outcome.CERTIFICATE_MALFUNCTION);
        }
        return SecurityServerSignOn.deny(context, state, Outcome.SIGN_ON_DENIED_FALSE_CERTIFICATE_REPORT);
    }

    /** Steps 1440-1444: the session ends normally; K and V go to the module, which alone can return V to the NS. */
    private static Transition<SecurityServerState> release(SecurityServerContext context, SecurityServerState state, byte[] payload) {
        Payloads.readOnly(Purpose.SIGN_ON_MODULE_ACK, state.conversation(), payload);
        CanonicalWriter release = Payloads.writer(Purpose.SIGN_ON_RELEASE, state.conversation());
        state.k().orElseThrow().write(release);
        state.v().orElseThrow().write(release);
        SecureChannel.Sealed sealed = state.channel().orElseThrow().seal(Purpose.SIGN_ON_RELEASE, release.toBytes());
        SecurityServerState ended = state.in(state.phase(), sealed.channel(), state.timeChecks()).ended(Outcome.SIGN_ON_APPROVED);
        return Transition.settled(ended, Outcome.SIGN_ON_APPROVED, SecurityServerSignOn.frameTo(context, state, sealed.frame()));
    }
}
