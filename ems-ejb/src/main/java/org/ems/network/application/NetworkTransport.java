package org.ems.network.application;

import org.ems.network.domain.NetworkMessage;

/**
 * How a protocol step's messages reach their recipients. The send belongs to the step's JTA
 * transaction: a message leaves exactly when the state that sent it is committed. Two
 * implementations: JMS (ems-jms; durable, parties on any server) and in-VM (parties in this
 * server; delivered after commit, lost if the server stops first, which the peers' timeouts
 * turn into a terminated protocol).
 */
public interface NetworkTransport {

    void send(NetworkMessage message);
}
