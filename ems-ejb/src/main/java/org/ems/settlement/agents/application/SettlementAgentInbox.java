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

/**
 * Where every message to a settlement agent arrives (the JMS consumers of EMS.SETTLEMENT.MSC, .MSA
 * and .CSA call {@link #receive}): decodes the line strictly, drops an exact copy of a message
 * accepted before, checks that both agents exist with the roles named and are parent and child,
 * and hands the message to the host of the recipient's role, in the caller's transaction with the
 * recipient's row locked. Refusals come back as values and change nothing, so the consumer can
 * dead-letter the message and commit.
 */
@Stateless
public class SettlementAgentInbox {

    private static final Logger LOG = Logger.getLogger(SettlementAgentInbox.class.getName());

    @Inject AgentRepository agents;
    @Inject AgentWork work;
    @Inject Clock clock;

    /** Handles one EMS-AGENT/1 line: ACCEPTED, DUPLICATE (changed nothing) or REFUSED with the reason (changed nothing). */
    public AgentDelivery receive(String line) {
        AgentMessage message;
        try {
            message = AgentMessage.decode(line);
        } catch (AgentRefusedException malformed) {
            return refused(malformed, line);
        }
        String digest = digest(line);
        if (agents.hasReceived(digest)) {
            LOG.fine(() -> "agent message received before: " + line);
            return AgentDelivery.duplicate();
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
