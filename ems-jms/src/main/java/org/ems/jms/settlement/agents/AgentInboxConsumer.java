package org.ems.jms.settlement.agents;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Optional;
import java.util.logging.Logger;
import org.ems.jms.platform.MessageContract;
import org.ems.jms.platform.Messages;
import org.ems.jms.platform.RejectedMessageException;
import org.ems.settlement.agents.application.AgentDelivery;
import org.ems.settlement.agents.application.SettlementAgentInbox;

/**
 * What the three agent inboxes share: unwrap one EMS-AGENT/1 line and its sender's signature
 * ({@code ems_signature}) and hand them to {@link SettlementAgentInbox#receive} in the MDB's XA
 * transaction. A message that can never be taken (wrong type, not text, refused by the inbox:
 * malformed, unsigned, a signature that does not verify, unknown agent, out of state) is copied to
 * EMS.DLQ with the reason (line and signature kept, so an operator can resend it) in the same
 * transaction and changes nothing; a redelivery is
 * recognised by the inbox and changes nothing. Other failures roll back for redelivery.
 */
abstract class AgentInboxConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(AgentInboxConsumer.class.getName());

    @Inject
    SettlementAgentInbox inbox;

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/DeadLetter")
    Queue deadLetterQueue;

    /** The queue this inbox drains, for dead letters and logs. */
    abstract String origin();

    @Override
    public void onMessage(Message message) {
        try {
            Messages.requireType(message, AgentQueues.TYPE);
            String line = text(message);
            AgentDelivery delivery = inbox.receive(line, Optional.ofNullable(message.getStringProperty(AgentQueues.SIGNATURE)));
            if (delivery.isRefused()) {
                throw new RejectedMessageException(delivery.reason());
            }
            LOG.fine(() -> origin() + ": " + delivery);
        } catch (RejectedMessageException e) {
            deadLetter(message, e.getMessage());
        } catch (JMSException e) {
            throw new IllegalStateException("could not read an agent message on " + origin(), e);
        }
    }

    private static String text(Message message) throws JMSException {
        if (!(message instanceof TextMessage textMessage)) {
            throw new RejectedMessageException("expected a TextMessage, got " + message.getClass().getSimpleName());
        }
        String text = textMessage.getText();
        if (text == null || text.length() > AgentQueues.MAX_TEXT) {
            throw new RejectedMessageException("MALFORMED: no agent line or one longer than " + AgentQueues.MAX_TEXT);
        }
        return text;
    }

    private void deadLetter(Message message, String reason) {
        try {
            String text = message instanceof TextMessage t ? t.getText() : null;
            jms.createProducer()
                    .setProperty(MessageContract.TYPE, message.getStringProperty(MessageContract.TYPE))
                    .setProperty(MessageContract.ORIGIN, origin())
                    .setProperty(MessageContract.REJECTION_REASON, reason)
                    .setProperty(AgentQueues.AGENT, message.getStringProperty(AgentQueues.AGENT))
                    .setProperty(AgentQueues.SIGNATURE, message.getStringProperty(AgentQueues.SIGNATURE))
                    .send(deadLetterQueue, text != null && text.length() <= AgentQueues.MAX_TEXT ? text : "");
            LOG.warning(() -> "dead-lettered an agent message from " + origin() + ": " + reason);
        } catch (JMSException e) {
            // Rolling back keeps the original on its queue: nothing is lost.
            throw new IllegalStateException("could not dead-letter an agent message from " + origin(), e);
        }
    }
}
