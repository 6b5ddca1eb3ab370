package org.ems.jms.bank;

import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;
import org.ems.jms.platform.DeadLetters;
import org.ems.jms.platform.MessageContract;
import org.ems.jms.platform.Messages;
import org.ems.jms.platform.RejectedMessageException;

/**
 * The built-in bank host on EMS.BANK.REQUEST. In the MDB's XA transaction it posts (or refuses)
 * and sends the reply to the request's JMSReplyTo (EMS.BANK.REPLY if none) with JMSCorrelationID
 * set: the posting and the reply commit together. A redelivered request carries the same
 * idempotency key, so it gets the same entry. A request that does not decode is dead-lettered
 * with the reason; any other failure rolls back for redelivery.
 */
@MessageDriven
public class BankHostConsumer implements MessageListener {

    @Inject
    BankHostService bankHost;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/bank/Replies")
    Queue defaultReplies;

    @Override
    public void onMessage(Message message) {
        try {
            Messages.requireType(message, BankMessages.REQUEST_TYPE);
            BankId bank = BankMessages.bank(message);
            BankRequest request = decode(Messages.body(message));
            BankReply reply = bankHost.handle(bank, request);
            Destination replyTo = message.getJMSReplyTo() != null ? message.getJMSReplyTo() : defaultReplies;
            jms.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setJMSCorrelationID(reply.correlationId().toString())
                    .setProperty(MessageContract.TYPE, BankMessages.REPLY_TYPE)
                    .setProperty(BankMessages.BANK, bank.code())
                    .send(replyTo, reply.encode());
        } catch (RejectedMessageException e) {
            deadLetters.reject(message, BankMessages.REQUEST_QUEUE, e.getMessage());
        } catch (JMSException e) {
            throw new IllegalStateException("could not read or answer a bank request", e);
        }
    }

    private static BankRequest decode(byte[] body) {
        try {
            return BankRequest.decode(body);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException(e.getMessage());
        }
    }
}
