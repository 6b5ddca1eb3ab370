package org.ems.jms.settlement;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import org.ems.jms.platform.MessageContract;
import org.ems.settlement.application.CycleNotice;
import org.ems.settlement.gross.GrossSettlementNotified;

/**
 * Publishes each gross or bilateral settlement notification ({@link GrossSettlementNotified}, one
 * per side) on the settlement notices topic (JNDI {@code jms/ems/settlement/Notices}, where the cycle
 * notices go) as a {@link GrossStatusNotice} line with {@code ems_type=settlement.grossStatus}. The
 * observer runs in the transaction that stored the notification and the injected JMSContext joins
 * it: the notice is published exactly when the notification commits.
 */
@ApplicationScoped
public class JmsGrossSettlementNotices {

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/settlement/Notices")
    Topic notices;

    void publish(@Observes GrossSettlementNotified notified) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setProperty(MessageContract.TYPE, GrossStatusNotice.TYPE)
                .setProperty(GrossStatusNotice.INSTRUCTION, notified.instruction().value())
                .setProperty(GrossStatusNotice.SIDE, notified.side().name())
                .setProperty(GrossStatusNotice.NOTIFICATION, notified.notification().name())
                .setProperty(GrossStatusNotice.PHASE, notified.phase().name())
                .setProperty(SettlementMessages.ISO_MESSAGE, CycleNotice.ISO_MESSAGE)
                .send(notices, GrossStatusNotice.encode(notified));
    }
}
