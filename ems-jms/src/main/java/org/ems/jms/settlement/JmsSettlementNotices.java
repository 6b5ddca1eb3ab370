package org.ems.jms.settlement;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import org.ems.jms.platform.MessageContract;
import org.ems.settlement.application.CycleNotice;
import org.ems.settlement.application.SettlementNotices;

/**
 * Publishes cycle status notices (pacs.002 in spirit; {@link CycleNotice#encode()}) on the topic
 * space EMS.SETTLEMENT.CYCLES (topic {@code status}). The injected JMSContext joins the caller's
 * JTA transaction: a notice is published exactly when the state change committed. A topic, not a
 * queue: every subscriber gets its own copy, and no notice piles up for a reader that is not there
 * (a full queue would stop state changes from committing).
 */
@ApplicationScoped
public class JmsSettlementNotices implements SettlementNotices {

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/settlement/Notices")
    Topic notices;

    @Override
    public void publish(CycleNotice notice) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setProperty(MessageContract.TYPE, SettlementMessages.NOTICE_TYPE)
                .setProperty(SettlementMessages.CYCLE, notice.cycle().value())
                .setProperty(SettlementMessages.STATE, notice.state().name())
                .setProperty(SettlementMessages.ISO_MESSAGE, CycleNotice.ISO_MESSAGE)
                .send(notices, notice.encode());
    }
}
