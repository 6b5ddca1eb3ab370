package org.ems.web.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the messaging engine accepts a connection and can browse the dead-letter queue.
 * The number of dead letters is reported too: a growing count needs an operator.
 */
@Readiness
@ApplicationScoped
public class MessagingReadiness implements HealthCheck {

    /** Browsing stops counting here: the check must stay cheap. */
    private static final int MAX_COUNTED = 1000;

    @Resource(lookup = "jms/ems/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/ems/DeadLetter")
    Queue deadLetterQueue;

    @Override
    public HealthCheckResponse call() {
        try (JMSContext context = connectionFactory.createContext();
             QueueBrowser browser = context.createBrowser(deadLetterQueue)) {
            Enumeration<?> messages = browser.getEnumeration();
            int deadLetters = 0;
            while (deadLetters < MAX_COUNTED && messages.hasMoreElements()) {
                messages.nextElement();
                deadLetters++;
            }
            return HealthCheckResponse.named("messaging").up().withData("deadLetters", deadLetters).build();
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            return HealthCheckResponse.named("messaging").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
