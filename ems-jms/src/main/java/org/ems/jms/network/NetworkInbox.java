package org.ems.jms.network;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.ems.crypto.MalformedEncodingException;
import org.ems.jms.platform.DeadLetters;
import org.ems.jms.platform.Messages;
import org.ems.jms.platform.RejectedMessageException;
import org.ems.network.application.NetworkDispatcher;
import org.ems.network.domain.NetworkMessage;

/**
 * What the three network MDBs share: unwrap the message and hand it to the dispatcher, in the
 * MDB's transaction. A message that can never be decoded is dead-lettered with the reason;
 * anything else that fails rolls back, and the message is redelivered.
 */
final class NetworkInbox {

    private NetworkInbox() {
    }

    static void receive(Message message, String origin, NetworkDispatcher dispatcher, DeadLetters deadLetters) {
        NetworkMessage decoded;
        try {
            Messages.requireType(message, JmsTransportChannel.NETWORK_MESSAGE_TYPE);
            decoded = NetworkMessage.decode(Messages.body(message));
        } catch (RejectedMessageException | MalformedEncodingException e) {
            deadLetters.reject(message, origin, e.getMessage());
            return;
        } catch (JMSException e) {
            throw new IllegalStateException("could not read a network message from " + origin, e);
        }
        dispatcher.deliver(decoded);
    }
}
