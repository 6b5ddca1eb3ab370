package org.ems.jms.security;

import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.ems.jms.platform.DeadLetters;
import org.ems.jms.platform.Messages;
import org.ems.jms.platform.RejectedMessageException;
import org.ems.security.application.BadIdListReceipt;
import org.ems.security.application.SecurityServerService;

/**
 * Security servers' side of the security network: takes a signed bad-ID list from the queue and
 * hands it to the security servers, which verify it before using it. A list that fails
 * verification is dead-lettered with the reason; any other failure rolls back for redelivery.
 */
@MessageDriven
public class BadIdListConsumer implements MessageListener {

    private static final String ORIGIN = "EMS.SECURITY.BADID";

    @Inject
    SecurityServerService securityServers;

    @Inject
    DeadLetters deadLetters;

    @Override
    public void onMessage(Message message) {
        try {
            Messages.requireType(message, JmsSecurityNetwork.BAD_ID_LIST_TYPE);
            BadIdListReceipt receipt = securityServers.receiveBadIdList(Messages.body(message));
            if (receipt.outcome() == BadIdListReceipt.Outcome.REJECTED) {
                deadLetters.reject(message, ORIGIN, receipt.reason());
            }
        } catch (RejectedMessageException e) {
            deadLetters.reject(message, ORIGIN, e.getMessage());
        } catch (JMSException e) {
            throw new IllegalStateException("could not read a bad-ID list message", e);
        }
    }
}
