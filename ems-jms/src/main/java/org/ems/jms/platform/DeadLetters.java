package org.ems.jms.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.logging.Logger;

/**
 * Moves a message that can never be processed (malformed, wrongly signed) to EMS.DLQ with the
 * reason, in the consumer's transaction: the original is consumed exactly when the copy exists.
 * Transient failures are not dead-lettered here: the consumer throws, the transaction rolls
 * back, and the messaging engine redelivers (and after maxRedeliveryCount moves it to EMS.DLQ).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/DeadLetter")
    Queue deadLetterQueue;

    public void reject(Message message, String origin, String reason) {
        try {
            byte[] body = Messages.body(message);
            jms.createProducer()
                    .setProperty(MessageContract.TYPE, message.getStringProperty(MessageContract.TYPE))
                    .setProperty(MessageContract.ORIGIN, origin)
                    .setProperty(MessageContract.REJECTION_REASON, reason)
                    .send(deadLetterQueue, body);
            LOG.warning(() -> "dead-lettered a message from " + origin + ": " + reason);
        } catch (JMSException e) {
            // Rolling back keeps the original on its queue: nothing is lost.
            throw new IllegalStateException("could not dead-letter a message from " + origin, e);
        }
    }
}
