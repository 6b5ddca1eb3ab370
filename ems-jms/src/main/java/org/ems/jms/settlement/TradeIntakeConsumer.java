package org.ems.jms.settlement;

import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import java.util.logging.Logger;
import org.ems.jms.platform.MessageContract;
import org.ems.jms.platform.Messages;
import org.ems.jms.platform.RejectedMessageException;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.IntakeCommand;
import org.ems.settlement.application.IntakeOutcome;
import org.ems.settlement.application.SettlementCycles;

/**
 * Trade intake on EMS.SETTLEMENT.TRADES: each TextMessage carries one EMS-TRADE/1 line for the
 * cycle named in {@code ems_cycle}, to ADD or RESCIND ({@code ems_command}); see
 * {@link SettlementMessages}. The service books it in the MDB's XA transaction; a redelivery is
 * recognised by its trade id and changes nothing. A message that can never be taken (wrong type,
 * no cycle, a malformed line, an unknown counterparty or cycle, any refusal of the cycle) goes to
 * EMS.DLQ with the reason, in the same transaction, and changes nothing. Other failures roll back
 * for redelivery.
 */
@MessageDriven
public class TradeIntakeConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(TradeIntakeConsumer.class.getName());

    @Inject
    SettlementCycles cycles;

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/DeadLetter")
    Queue deadLetterQueue;

    @Override
    public void onMessage(Message message) {
        try {
            Messages.requireType(message, SettlementMessages.TRADE_TYPE);
            CycleId cycle = SettlementMessages.cycle(message);
            IntakeCommand command = SettlementMessages.command(message);
            String line = SettlementMessages.text(message);
            IntakeOutcome outcome = cycles.receive(cycle, command, line);
            if (outcome.isRefused()) {
                throw new RejectedMessageException(outcome.reason());
            }
            LOG.fine(() -> "cycle " + cycle + ": " + command + " " + outcome.result());
        } catch (RejectedMessageException e) {
            deadLetter(message, e.getMessage());
        } catch (JMSException e) {
            throw new IllegalStateException("could not read a trade message", e);
        }
    }

    /**
     * {@code DeadLetters} copies BytesMessages only; trade messages are text, so the copy is made
     * here, with the same properties (type, origin, reason) plus the cycle and command.
     */
    private void deadLetter(Message message, String reason) {
        try {
            String text = message instanceof jakarta.jms.TextMessage t ? t.getText() : null;
            jms.createProducer()
                    .setProperty(MessageContract.TYPE, message.getStringProperty(MessageContract.TYPE))
                    .setProperty(MessageContract.ORIGIN, SettlementMessages.TRADES_QUEUE)
                    .setProperty(MessageContract.REJECTION_REASON, reason)
                    .setProperty(SettlementMessages.CYCLE, message.getStringProperty(SettlementMessages.CYCLE))
                    .setProperty(SettlementMessages.COMMAND, message.getStringProperty(SettlementMessages.COMMAND))
                    .send(deadLetterQueue, text != null && text.length() <= SettlementMessages.MAX_TEXT ? text : "");
            LOG.warning(() -> "dead-lettered a trade message: " + reason);
        } catch (JMSException e) {
            // Rolling back keeps the original on its queue: nothing is lost.
            throw new IllegalStateException("could not dead-letter a trade message", e);
        }
    }
}
