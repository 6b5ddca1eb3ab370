package org.ems.jms.bank;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.ems.bank.domain.BankId;
import org.ems.jms.platform.RejectedMessageException;

/** The bank gateway's message contract: types and the bank-code property. */
public final class BankMessages {

    public static final String REQUEST_TYPE = "bank.request";
    public static final String REPLY_TYPE = "bank.reply";
    /** The bank code a request is addressed to (the built-in bank host serves several banks). */
    public static final String BANK = "ems_bank";
    public static final String REQUEST_QUEUE = "EMS.BANK.REQUEST";
    public static final String REPLY_QUEUE = "EMS.BANK.REPLY";

    private BankMessages() {
    }

    /** The addressed bank; a missing or malformed code can never succeed. */
    static BankId bank(Message message) throws JMSException {
        String code = message.getStringProperty(BANK);
        if (code == null) {
            throw new RejectedMessageException("no " + BANK + " property");
        }
        try {
            return new BankId(code);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException("malformed bank code");
        }
    }
}
