package org.ems.jms.bank;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.ems.bank.application.BankGateway;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRequest;
import org.ems.jms.platform.MessageContract;

/**
 * Sends bank requests to EMS.BANK.REQUEST with JMSReplyTo EMS.BANK.REPLY. The injected
 * JMSContext joins the caller's JTA transaction: the request is on the queue exactly when the
 * caller's work committed.
 */
@ApplicationScoped
public class JmsBankGateway implements BankGateway {

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/bank/Requests")
    Queue requests;

    @Resource(lookup = "jms/ems/bank/Replies")
    Queue replies;

    @Override
    public void send(BankId bank, BankRequest request) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setJMSReplyTo(replies)
                .setJMSCorrelationID(request.correlationId().toString())
                .setProperty(MessageContract.TYPE, BankMessages.REQUEST_TYPE)
                .setProperty(BankMessages.BANK, bank.code())
                .send(requests, request.encode());
    }
}
