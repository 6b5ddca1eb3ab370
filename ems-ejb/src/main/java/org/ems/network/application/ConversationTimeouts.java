package org.ems.network.application;

/**
 * Arms the timer that turns a silent peer into the protocol's timeout path. The timer must be
 * persistent and created in the step's transaction, so that it exists exactly when the step
 * committed and survives a restart.
 */
public interface ConversationTimeouts {

    void schedule(String conversationKey, java.time.Instant deadline);
}
