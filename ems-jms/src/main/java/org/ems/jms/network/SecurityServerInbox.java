package org.ems.jms.network;

import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.ems.jms.platform.DeadLetters;
import org.ems.network.application.NetworkDispatcher;

/** Network messages for this server's SecurityServers (queue EMS.NET.SS). */
@MessageDriven
public class SecurityServerInbox implements MessageListener {

    @Inject
    NetworkDispatcher dispatcher;

    @Inject
    DeadLetters deadLetters;

    @Override
    public void onMessage(Message message) {
        NetworkInbox.receive(message, "EMS.NET.SS", dispatcher, deadLetters);
    }
}
