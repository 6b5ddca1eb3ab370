package org.ems.network.domain.signon;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.network.domain.CertificateCheck;
import org.ems.network.domain.Codec;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.Transition;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.signon.ModuleSignOnSession.Sent;
import org.ems.network.domain.signon.ModuleSignOnState.Phase;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.PssKeyList;
import org.ems.security.domain.RejectionReason;
import org.ems.security.domain.SignedKeyLengthPolicy;

/**
 * The module's update and recertification steps (figure 6, steps 1374-1434): check the SS's
 * signature on the update and each list's own signature, adopt what is newer, decide whether to
 * recertify, ask for a new certificate signed with the old key, and validate what comes back.
 */
final class ModuleUpdateSteps {

    /** Under the channel's payload limit; a full bad-ID list is 2 MiB. */
    static final int MAX_UPDATE_BYTES = 4 * 1024 * 1024 - 4096;

    private ModuleUpdateSteps() {
    }

    /** Steps 1374-1390: verify and adopt the update, then acknowledge or ask to recertify. */
    static Transition<ModuleSignOnState> onUpdate(ModuleContext context, ModuleSignOnState state, byte[] frame) {
        SecurityUpdate adopted;
        boolean recertificationCalled;
        try {
            SignedEnvelope envelope = SignedEnvelope.decode(frame, Purpose.SIGN_ON_UPDATE, MAX_UPDATE_BYTES);
            if (!envelope.isSignedBy(state.securityServer().orElseThrow().publicKey())) {
                return terminated(state);
            }
            CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_UPDATE, state.conversation(), envelope.payload());
            byte[] pssKeys = reader.getBytes(SecurityUpdate.MAX_SMALL_DOCUMENT_BYTES);
            byte[] badIds = reader.getBytes(SecurityUpdate.MAX_LIST_BYTES);
            byte[] policy = reader.getBytes(SecurityUpdate.MAX_SMALL_DOCUMENT_BYTES);
            recertificationCalled = Codec.getFlag(reader);
            reader.end();
            adopted = adopt(context.trust(), pssKeys, badIds, policy);
        } catch (MalformedEncodingException | CertificateRejectedException e) {
            return terminated(state);
        }
        ModuleSignOnState updated = state.withUpdate(adopted);
        if (!needsRecertification(context, updated, recertificationCalled)) {
            return acknowledge(context, updated);
        }
        KeyLength length = adopted.policy().policy().requiredFor(context.certificate().subjectRole());
        KeyPair newKeys = Crypto.generateKeyPair(length, context.random());
        byte[] request = Payloads.writer(Purpose.SIGN_ON_RECERTIFICATION_REQUEST, state.conversation())
                .putLong(context.certificate().subjectId().value())
                .putBytes(newKeys.getPublic().getEncoded())
                .toBytes();
        SignedEnvelope signed = SignedEnvelope.sign(request, context.privateKey()); // step 1390: signed with the old key
        Sent sent = ModuleSignOnSession.send(context, updated.withNewKeys(newKeys).in(Phase.AWAITING_NEW_CERTIFICATE),
                Purpose.SIGN_ON_RECERTIFICATION_REQUEST, signed.encoded());
        return Transition.accepted(sent.state(), sent.message());
    }

    /** Steps 1404-1434: validate the new certificate; acknowledge it, or report it invalid with the certificate. */
    static Transition<ModuleSignOnState> onNewCertificate(ModuleContext context, ModuleSignOnState state, byte[] payload) {
        CanonicalReader reader = Payloads.read(Purpose.SIGN_ON_NEW_CERTIFICATE, state.conversation(), payload);
        byte[] encoded = reader.getBytes(Certificate.MAX_ENCODED_BYTES);
        reader.end();
        Optional<Certificate> certificate = validNewCertificate(context, state, encoded);
        if (certificate.isPresent()) {
            return acknowledge(context, state.withNewCertificate(certificate.get()));
        }
        byte[] report = Payloads.writer(Purpose.SIGN_ON_CERTIFICATE_INVALID, state.conversation()).putBytes(encoded).toBytes();
        Sent sent = ModuleSignOnSession.send(context, state.in(Phase.AWAITING_CERTIFICATE_VERDICT),
                Purpose.SIGN_ON_CERTIFICATE_INVALID, report);
        return Transition.accepted(sent.state(), sent.message());
    }

    private static Transition<ModuleSignOnState> acknowledge(ModuleContext context, ModuleSignOnState state) {
        Sent sent = ModuleSignOnSession.send(context, state.in(Phase.AWAITING_RELEASE), Purpose.SIGN_ON_MODULE_ACK,
                Payloads.only(Purpose.SIGN_ON_MODULE_ACK, state.conversation()));
        return Transition.accepted(sent.state(), sent.message());
    }

    private static Transition<ModuleSignOnState> terminated(ModuleSignOnState state) {
        return Transition.settled(state.ended(Outcome.SESSION_TERMINATED_BAD_SIGNATURE), Outcome.SESSION_TERMINATED_BAD_SIGNATURE);
    }

    /**
     * Takes each offered list only if it is newer than the one held and verifies it (the PSS key
     * list against the held one, the others against the PSS keys then in force). An older list
     * is ignored (the SS may lag); a different list of the same version is a forgery.
     */
    static SecurityUpdate adopt(TrustedLists held, byte[] pssBytes, byte[] badIdBytes, byte[] policyBytes) {
        PssKeyList pssKeys = held.pssKeys();
        PssKeyList offeredPss = PssKeyList.decode(pssBytes);
        if (offeredPss.version() > pssKeys.version()) {
            offeredPss.verifyAgainst(pssKeys);
            pssKeys = offeredPss;
        } else {
            requireSameIfSameVersion(offeredPss.version() == pssKeys.version(), offeredPss.equals(pssKeys), "PSS key list");
        }
        BadIdList badIds = held.badIds();
        BadIdList offeredBadIds = BadIdList.decode(badIdBytes);
        if (offeredBadIds.version() > badIds.version()) {
            offeredBadIds.verify(pssKeys);
            badIds = offeredBadIds;
        } else {
            requireSameIfSameVersion(offeredBadIds.version() == badIds.version(), offeredBadIds.equals(badIds), "bad-ID list");
        }
        SignedKeyLengthPolicy policy = held.signedPolicy();
        SignedKeyLengthPolicy offeredPolicy = SignedKeyLengthPolicy.decode(policyBytes);
        if (offeredPolicy.policy().version() > policy.policy().version()) {
            offeredPolicy.verify(pssKeys);
            policy = offeredPolicy;
        } else {
            requireSameIfSameVersion(offeredPolicy.policy().version() == policy.policy().version(), offeredPolicy.equals(policy),
                    "key-length policy");
        }
        return new SecurityUpdate(pssKeys, badIds, policy);
    }

    private static void requireSameIfSameVersion(boolean sameVersion, boolean same, String what) {
        if (sameVersion && !same) {
            throw new CertificateRejectedException(RejectionReason.BAD_SIGNATURE, "a different " + what + " of the version held");
        }
    }

    /** Step 1384-1386: global recertification called, the certificate expired, or its key shorter than the policy. */
    private static boolean needsRecertification(ModuleContext context, ModuleSignOnState state, boolean called) {
        Certificate current = context.certificate();
        Instant now = ModuleSignOn.now(context, state);
        return called || !now.isBefore(current.expiresAt())
                || !state.update().orElseThrow().policy().policy().isSatisfiedBy(current);
    }

    /** The new certificate if it is valid, is this module's (id, role) and carries the new key. */
    private static Optional<Certificate> validNewCertificate(ModuleContext context, ModuleSignOnState state, byte[] encoded) {
        Certificate certificate;
        try {
            certificate = Certificate.decode(encoded);
        } catch (CertificateRejectedException e) {
            return Optional.empty();
        }
        TrustedLists trust = state.update().orElseThrow().applyTo(context.trust());
        boolean valid = CertificateCheck.problemWith(
                        trust.validatorAt(ModuleSignOn.now(context, state), context.limits().clockTolerance(), true),
                        certificate, ExpiryCheck.ENFORCE).isEmpty()
                && certificate.subjectId().equals(context.certificate().subjectId())
                && certificate.subjectRole() == context.certificate().subjectRole()
                && Arrays.equals(certificate.publicKey().getEncoded(), state.newKeys().orElseThrow().getPublic().getEncoded());
        return valid ? Optional.of(certificate) : Optional.empty();
    }
}
