package org.ems.network.infrastructure;

import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import org.ems.network.application.ConversationTimeouts;
import org.ems.network.application.NetworkDispatcher;

/**
 * Protocol timeouts as persistent EJB timers: created in the step's transaction (so a rolled
 * back step leaves no timer), kept across restarts, and fired into the dispatcher, which ignores
 * a timer whose deadline a later step has moved.
 */
@Singleton
@Lock(LockType.READ)
public class EjbConversationTimeouts implements ConversationTimeouts {

    @Resource
    TimerService timers;

    @Inject
    NetworkDispatcher dispatcher;

    @Override
    public void schedule(String conversationKey, Instant deadline) {
        timers.createSingleActionTimer(Date.from(deadline), new TimerConfig(conversationKey, true));
    }

    @Timeout
    void fire(Timer timer) {
        dispatcher.timeout((String) timer.getInfo());
    }
}
