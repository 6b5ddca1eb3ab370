package org.ems.jms.platform;

/** A message that will never be processable, whatever the retries: it goes to the dead-letter queue. */
public class RejectedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RejectedMessageException(String reason) {
        super(reason);
    }
}
