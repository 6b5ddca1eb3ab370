package org.ems.jms.settlement.agents;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.ems.jms.platform.MessageContract;
import org.ems.settlement.agents.application.AgentMessenger;
import org.ems.settlement.agents.domain.SignedAgentMessage;

/**
 * Sends an agent message, signed by its sender's module (the line as the text, the signature in
 * {@code ems_signature}), to the queue of its recipient's role. The injected JMSContext joins the
 * caller's JTA transaction: the message leaves exactly when the agent's step commits, so no hop is
 * sent for a step that rolled back and none is lost for one that committed.
 */
@ApplicationScoped
public class JmsAgentMessenger implements AgentMessenger {

    @Inject
    @JMSConnectionFactory("jms/ems/ConnectionFactory")
    JMSContext jms;

    @Resource(lookup = "jms/ems/settlement/agents/Msc")
    Queue toCoordinator;

    @Resource(lookup = "jms/ems/settlement/agents/Msa")
    Queue toMultilateralAgents;

    @Resource(lookup = "jms/ems/settlement/agents/Csa")
    Queue toCounterpartyAgents;

    @Override
    public void send(SignedAgentMessage signed) {
        var message = signed.message();
        Queue queue = switch (message.toRole()) {
            case MSC -> toCoordinator;
            case MSA -> toMultilateralAgents;
            case CSA -> toCounterpartyAgents;
        };
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setProperty(MessageContract.TYPE, AgentQueues.TYPE)
                .setProperty(AgentQueues.AGENT, message.to().value())
                .setProperty(AgentQueues.SIGNATURE, signed.signature().text())
                .send(queue, signed.line());
    }
}
