package org.ems.network.signon;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.ems.network.TestNetwork;
import org.ems.network.domain.Address;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.signon.ModuleContext;
import org.ems.network.domain.signon.ModuleSignOn;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.network.domain.signon.NetworkServerContext;
import org.ems.network.domain.signon.NetworkServerState;
import org.ems.network.domain.signon.SecurityServerContext;
import org.ems.network.domain.signon.SecurityServerState;
import org.ems.network.simulation.PartyRuntime;
import org.ems.network.simulation.Protocols;
import org.ems.network.simulation.SimNetwork;

/** One sign-on between a module, the network server and the security server, on the in-memory network. */
public final class SignOnHarness {

    public final SimNetwork network = new SimNetwork();
    public final PartyRuntime<ModuleContext, ModuleSignOnState> module;
    public final PartyRuntime<NetworkServerContext, NetworkServerState> networkServer;
    public final PartyRuntime<SecurityServerContext, SecurityServerState> securityServer;
    public final ConversationId conversation;

    public SignOnHarness(TestNetwork net, ModuleContext moduleContext, SecurityServerContext ssContext) {
        this.module = network.add(new PartyRuntime<>(moduleContext.address(), moduleContext, Protocols.MODULE));
        this.networkServer = network.add(new PartyRuntime<>(net.networkServer, net.networkServerContext(), Protocols.NETWORK_SERVER));
        this.securityServer = network.add(new PartyRuntime<>(ssContext.address(), ssContext, Protocols.SECURITY_SERVER));
        this.conversation = ConversationId.random(net.random);
    }

    public SignOnHarness start(Optional<Address> destination) {
        network.send(module.started(conversation, ModuleSignOn.start(module.context(), conversation, destination, Duration.ZERO)));
        return this;
    }

    /** Runs in order to quiescence, fires the timers of whoever still waits, and runs again. */
    public SignOnHarness finish() {
        network.runToQuiescence();
        network.fireAllTimeouts();
        network.runToQuiescence();
        return this;
    }

    public ModuleSignOnState moduleState() {
        return module.state(conversation);
    }

    public NetworkServerState nsState() {
        return networkServer.state(conversation);
    }

    public SecurityServerState ssState() {
        return securityServer.state(conversation);
    }

    public Optional<Outcome> moduleOutcome() {
        return moduleState().outcome();
    }

    /** Takes the next message in flight if it is of this kind (else fails), leaving it undelivered. */
    public NetworkMessage intercept(java.util.function.Predicate<NetworkMessage> which) {
        if (!network.runUntil(which)) {
            throw new AssertionError("no such message came: " + network.trace());
        }
        return network.inFlight().remove(0);
    }

    public void inject(NetworkMessage forged) {
        network.send(List.of(forged));
    }

    public static ModuleAddress address(TestNetwork.Member member) {
        return new ModuleAddress(member.id());
    }
}
