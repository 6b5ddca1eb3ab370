package org.ems.jms.settlement;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.ems.jms.platform.RejectedMessageException;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.IntakeCommand;

/**
 * The settlement message contract. A trade message on EMS.SETTLEMENT.TRADES is a TextMessage whose
 * text is one EMS-TRADE/1 line (docs/settlement.md), with {@code ems_type=settlement.trade}, the
 * cycle in {@code ems_cycle} and {@code ems_command=ADD|RESCIND}. A notice published on the topic
 * space EMS.SETTLEMENT.CYCLES (topic status) is a TextMessage holding one EMS-CYCLE-STATUS/1 line, with
 * {@code ems_type=settlement.cycleStatus}, {@code ems_cycle}, {@code ems_state} and
 * {@code ems_isoMessage=pacs.002}.
 */
public final class SettlementMessages {

    public static final String TRADE_TYPE = "settlement.trade";
    public static final String NOTICE_TYPE = "settlement.cycleStatus";
    public static final String CYCLE = "ems_cycle";
    public static final String COMMAND = "ems_command";
    public static final String STATE = "ems_state";
    public static final String ISO_MESSAGE = "ems_isoMessage";
    public static final String TRADES_QUEUE = "EMS.SETTLEMENT.TRADES";
    /** A trade line is at most 160 characters; anything much longer is not worth reading. */
    static final int MAX_TEXT = 1024;

    private SettlementMessages() {
    }

    static CycleId cycle(Message message) throws JMSException {
        String value = message.getStringProperty(CYCLE);
        if (value == null) {
            throw new RejectedMessageException("no " + CYCLE + " property");
        }
        try {
            return new CycleId(value);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException("malformed cycle id");
        }
    }

    static IntakeCommand command(Message message) throws JMSException {
        String value = message.getStringProperty(COMMAND);
        if (value == null) {
            throw new RejectedMessageException("no " + COMMAND + " property");
        }
        return switch (value) {
            case "ADD" -> IntakeCommand.ADD;
            case "RESCIND" -> IntakeCommand.RESCIND;
            default -> throw new RejectedMessageException(COMMAND + " must be ADD or RESCIND");
        };
    }

    /** The text of a TextMessage; any other kind, no text, or an oversize text is a {@link RejectedMessageException}. */
    static String text(Message message) throws JMSException {
        if (!(message instanceof TextMessage textMessage)) {
            throw new RejectedMessageException("expected a TextMessage, got " + message.getClass().getSimpleName());
        }
        String text = textMessage.getText();
        if (text == null) {
            throw new RejectedMessageException("MALFORMED: no trade line");
        }
        if (text.length() > MAX_TEXT) {
            throw new RejectedMessageException("MALFORMED: text of " + text.length() + " characters exceeds " + MAX_TEXT);
        }
        return text;
    }
}
