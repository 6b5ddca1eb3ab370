package org.ems.jms.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.ems.jms.platform.MessageContract;
import org.ems.security.application.SecurityNetwork;

/**
 * The security network over the embedded messaging engine. The injected JMSContext joins the
 * caller's JTA transaction, so a bad-ID list is on the queue exactly when its publication row
 * committed (DESIGN invariant 6).
 */
@ApplicationScoped
public class JmsSecurityNetwork implements SecurityNetwork {

    public static final String BAD_ID_LIST_TYPE = "security.badIdList";

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/security/BadIdList")
    Queue badIdListQueue;

    @Override
    public void distributeBadIdList(long version, byte[] encodedList) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setProperty(MessageContract.TYPE, BAD_ID_LIST_TYPE)
                .setProperty(MessageContract.VERSION, version)
                .send(badIdListQueue, encodedList);
    }
}
