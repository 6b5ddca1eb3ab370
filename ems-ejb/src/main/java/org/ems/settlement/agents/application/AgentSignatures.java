package org.ems.settlement.agents.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.ems.crypto.PrivateKeyVault;
import org.ems.network.application.ConversationSteps;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.session.SessionState;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.ModuleRole;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.AgentRefusedException;
import org.ems.settlement.agents.domain.AgentSignature;
import org.ems.settlement.agents.domain.SignedAgentMessage;

/**
 * Signing and verifying the agents' messages, side by side. Every message an agent sends is signed
 * here ({@link #sign}, called by {@link AgentWork} for all senders) with the private key of the
 * sending agent's hosted money module. The addressee ({@link #verify}, called by the inbox) takes
 * the sender's certificate from its own side of the parent-child session between the two agents
 * (the child's session to its parent, established by their modules: the certificate was validated
 * then), checks that it is the sender's registered module's, still valid now and not on the
 * current bad-ID list, and that the signature verifies over the exact line under it.
 */
@ApplicationScoped
public class AgentSignatures {

    @Inject NetworkRepository network;
    @Inject ConversationSteps steps;
    @Inject PrivateKeyVault vault;
    @Inject TrustAnchors trust;
    @Inject Clock clock;

    /** The message signed by {@code sender}'s module; {@code sender} must be the agent the message is from. */
    public SignedAgentMessage sign(SettlementAgentRecord sender, AgentMessage message) {
        if (!message.from().equals(sender.id()) || message.fromRole() != sender.role()) {
            throw new IllegalArgumentException("agent " + sender.id() + " cannot sign a message from " + message.fromRole() + ":"
                    + message.from());
        }
        HostedModule module = network.findModule(sender.module())
                .orElseThrow(() -> new IllegalStateException("agent " + sender.id() + "'s module " + sender.module() + " is not hosted here"));
        return new SignedAgentMessage(message, AgentSignature.sign(message.encode(), vault.open(module.sealedPrivateKey())));
    }

    /**
     * Checks that {@code signature} is {@code from}'s over exactly {@code line}, addressed to {@code to}
     * (parent and child); AgentRefusedException (UNKNOWN_SIGNER, BAD_SIGNATURE) otherwise. Reads only.
     */
    public void verify(SettlementAgentRecord to, SettlementAgentRecord from, String line, AgentSignature signature) {
        Certificate known = knownCertificate(to, from);
        if (!signature.verifies(line, known.publicKey())) {
            throw new AgentRefusedException(AgentRefusal.BAD_SIGNATURE, "the signature does not verify under the certificate of "
                    + from.id() + "'s module " + from.module());
        }
    }

    /** The certificate {@code to} knows for {@code from}: its side of their session's peer certificate, valid now. */
    Certificate knownCertificate(SettlementAgentRecord to, SettlementAgentRecord from) {
        ConversationId session = sessionBetween(to, from);
        ProtocolConversation side = network.findConversation(ProtocolConversation.keyOf(session, new ModuleAddress(to.module())))
                .filter(c -> c.protocol() == ProtocolConversation.Protocol.SESSION)
                .orElseThrow(() -> unknown(to, from, "no side of session " + session + " at " + to.id() + "'s module"));
        SessionState state = SessionState.decode(steps.state(side));
        if (!state.isEstablished()) {
            // only an established session's peer certificate was validated (a responder knows it before)
            throw unknown(to, from, "session " + session + " is " + state.phase() + " at " + to.id() + "'s module, not established");
        }
        Certificate certificate = state.peerCertificate()
                .orElseThrow(() -> unknown(to, from, "session " + session + " holds no peer certificate"));
        if (!certificate.subjectId().equals(from.module())) {
            throw unknown(to, from, "the session's peer is module " + certificate.subjectId() + ", not " + from.id() + "'s module "
                    + from.module());
        }
        try {
            trust.validator(trust.latestBadIds(), clock).validateModule(certificate, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
        } catch (CertificateRejectedException rejected) {
            throw unknown(to, from, "the certificate of " + from.id() + "'s module is no longer valid: " + rejected.getMessage());
        }
        return certificate;
    }

    /** The child's session to its parent; UNKNOWN_SIGNER if they are not parent and child or it never connected. */
    private static ConversationId sessionBetween(SettlementAgentRecord to, SettlementAgentRecord from) {
        SettlementAgentRecord child = SettlementAgentRecord.childOf(to, from)
                .orElseThrow(() -> unknown(to, from, "they are not parent and child"));
        return child.parentSession().orElseThrow(() -> unknown(to, from, child.id() + " has no session to its parent"));
    }

    private static AgentRefusedException unknown(SettlementAgentRecord to, SettlementAgentRecord from, String why) {
        return new AgentRefusedException(AgentRefusal.UNKNOWN_SIGNER, to.id() + " knows no certificate of " + from.id() + ": " + why);
    }
}
