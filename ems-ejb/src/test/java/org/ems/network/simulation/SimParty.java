package org.ems.network.simulation;

import java.util.List;
import org.ems.network.domain.Address;
import org.ems.network.domain.NetworkMessage;

/** A party of the in-memory network: one address, its stored conversations, one step per delivery. */
public interface SimParty {

    Address address();

    /** Runs one step for the message (load state, step, store state) and returns what the step sends. */
    List<NetworkMessage> deliver(NetworkMessage message);

    /** Fires the reply timer of every conversation that is not settled; returns what the timeouts send. */
    List<NetworkMessage> fireTimeouts();

    boolean allSettled();
}
