package org.ems.jms.bank;

import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.ems.bank.application.BankReplies;
import org.ems.bank.domain.BankReply;
import org.ems.jms.platform.DeadLetters;
import org.ems.jms.platform.Messages;
import org.ems.jms.platform.RejectedMessageException;

/** Records bank replies from EMS.BANK.REPLY by correlation id; a malformed reply is dead-lettered. */
@MessageDriven
public class BankReplyConsumer implements MessageListener {

    @Inject
    BankReplies replies;

    @Inject
    DeadLetters deadLetters;

    @Override
    public void onMessage(Message message) {
        try {
            Messages.requireType(message, BankMessages.REPLY_TYPE);
            BankReply reply = decode(Messages.body(message));
            String correlation = message.getJMSCorrelationID();
            if (correlation != null && !correlation.equals(reply.correlationId().toString())) {
                throw new RejectedMessageException("JMSCorrelationID does not match the reply's correlation");
            }
            replies.record(reply);
        } catch (RejectedMessageException e) {
            deadLetters.reject(message, BankMessages.REPLY_QUEUE, e.getMessage());
        } catch (JMSException e) {
            throw new IllegalStateException("could not read a bank reply", e);
        }
    }

    private static BankReply decode(byte[] body) {
        try {
            return BankReply.decode(body);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException("malformed bank reply: " + e.getMessage());
        }
    }
}
