package org.ems.jms.platform;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** Reading message bodies with the size limit applied. */
public final class Messages {

    private Messages() {
    }

    /** The body of a BytesMessage; any other kind, or an oversize body, is a {@link RejectedMessageException}. */
    public static byte[] body(Message message) throws JMSException {
        if (!(message instanceof BytesMessage bytes)) {
            throw new RejectedMessageException("expected a BytesMessage, got " + message.getClass().getSimpleName());
        }
        long length = bytes.getBodyLength();
        if (length > MessageContract.MAX_BODY_BYTES) {
            throw new RejectedMessageException("body of " + length + " bytes exceeds " + MessageContract.MAX_BODY_BYTES);
        }
        bytes.reset();
        byte[] body = new byte[(int) length];
        bytes.readBytes(body);
        return body;
    }

    /** Checks the message's type property. */
    public static void requireType(Message message, String expected) throws JMSException {
        String type = message.getStringProperty(MessageContract.TYPE);
        if (!expected.equals(type)) {
            throw new RejectedMessageException("expected message type " + expected + ", got " + type);
        }
    }
}
