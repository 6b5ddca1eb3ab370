package org.ems.settlement.agents.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.AgentRefusal;
import org.ems.settlement.agents.domain.AgentRefusedException;
import org.ems.settlement.agents.domain.AgentSignature;

/**
 * Where every message to a settlement agent arrives (the JMS consumers of EMS.SETTLEMENT.MSC, .MSA
 * and .CSA call {@link #receive}): decodes the line strictly, requires the sender's signature,
 * checks that both agents exist with the roles named and are parent and child, verifies the
 * signature under the certificate the recipient knows for the sender ({@link AgentSignatures}),
 * drops an exact copy of a message accepted before, and hands the message to the host of the
 * recipient's role, in the caller's transaction with the recipient's row locked. Refusals come back as values and change nothing, so the consumer can
 * dead-letter the message and commit.
 */
@Stateless
public class SettlementAgentInbox {

    private static final Logger LOG = Logger.getLogger(SettlementAgentInbox.class.getName());

    @Inject AgentRepository agents;
    @Inject AgentWork work;
    @Inject AgentSignatures signatures;
    @Inject Clock clock;

    /**
     * Handles one EMS-AGENT/1 line with the sender's signature (its text form, {@link AgentSignature#parse}):
     * ACCEPTED, DUPLICATE (changed nothing) or REFUSED with the reason (changed nothing).
     */
    public AgentDelivery receive(String line, Optional<String> signatureText) {
        AgentMessage message;
        AgentSignature signature;
        try {
            message = AgentMessage.decode(line);
            if (signatureText.isEmpty()) {
                throw new AgentRefusedException(AgentRefusal.UNSIGNED, "no signature of the sending agent " + message.from());
            }
            signature = AgentSignature.parse(signatureText.get());
        } catch (AgentRefusedException refused) {
            return refused(refused, line);
        }
        try {
            SettlementAgentRecord to = agents.findForUpdate(message.to())
                    .orElseThrow(() -> new AgentRefusedException(AgentRefusal.UNKNOWN_AGENT, "no agent " + message.to()));
            SettlementAgentRecord from = agents.find(message.from())
                    .orElseThrow(() -> new AgentRefusedException(AgentRefusal.UNKNOWN_AGENT, "no agent " + message.from()));
            if (to.role() != message.toRole() || from.role() != message.fromRole()) {
                throw new AgentRefusedException(AgentRefusal.WRONG_ROLE, "agents " + from.id() + " and " + to.id() + " are "
                        + from.role() + " and " + to.role());
            }
            boolean related = to.parent().equals(Optional.of(from.id())) || from.parent().equals(Optional.of(to.id()));
            if (!related) {
                throw new AgentRefusedException(AgentRefusal.NOT_RELATED, from.id() + " and " + to.id() + " are not parent and child");
            }
            // the sender's signature before anything else is read of the message or changed (UNKNOWN_SIGNER, BAD_SIGNATURE)
            signatures.verify(to, from, line, signature);
            String digest = digest(line);
            if (agents.hasReceived(digest)) {
                LOG.fine(() -> "agent message received before: " + line);
                return AgentDelivery.duplicate();
            }
            work.host(to.role()).handle(to, message);
            agents.store(new AgentReceivedMessage(digest, to.id().value(), message.kind().name(), clock.instant()));
            return AgentDelivery.accepted();
        } catch (AgentRefusedException refused) {
            return refused(refused, line);
        }
    }

    private static AgentDelivery refused(AgentRefusedException refused, String line) {
        LOG.warning(() -> "agent message refused (" + refused.getMessage() + "): " + line);
        return AgentDelivery.refused(refused.reason(), refused.getMessage());
    }

    private static String digest(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is a required algorithm", impossible);
        }
    }
}
