package org.ems.network.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.Crypto;
import org.ems.crypto.PrivateKeyVault;
import org.ems.crypto.Purpose;
import org.ems.network.domain.Address;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.NetworkServerKey;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ReceivedNotice;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.session.SessionInitiator;
import org.ems.network.domain.session.SessionState;
import org.ems.network.domain.session.SessionTraffic;
import org.ems.network.domain.signon.ModuleSignOn;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.security.application.SecurityServerService;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * What host applications and operators ask of the network: open a hosted module (its keys and
 * certificate, as at manufacture), install a network server, sign a module on, establish a
 * session, send a notice in it, sign off; and see where each protocol stands.
 */
@Stateless
public class NetworkService {

    /** Longest notice text (TIGER_STYLE: a limit on everything). */
    public static final int MAX_NOTICE_CHARS = ReceivedNotice.MAX_TEXT;

    @Inject NetworkRepository network;
    @Inject NetworkContexts contexts;
    @Inject ConversationSteps steps;
    @Inject ModuleSignOnCompletion completion;
    @Inject SecurityServerService securityServers;
    @Inject TrustAnchors trust;
    @Inject PrivateKeyVault vault;
    @Inject AtRestCipher atRest;
    @Inject SecureRandom random;
    @Inject Clock clock;

    /** Gives the network server an NS/SS key with every security server that has none yet; returns how many it holds. */
    public int installNetworkServer(NetworkServerId id) {
        for (var ss : securityServers.listSecurityServers()) {
            ModuleId ssId = new ModuleId(ss.id());
            if (network.findKey(id, ssId).isEmpty()) {
                byte[] sealed = atRest.seal(Purpose.NETWORK_KEY_AT_REST, SecretValue.random(random).bytes());
                network.storeKey(new NetworkServerKey(id, ssId, sealed, clock.instant()));
            }
        }
        return network.keysOf(id).size();
    }

    /** Manufactures a hosted module: a key pair of the policy's length, certified by the security server. */
    public Certificate openModule(ModuleRole role, ModuleId securityServer, NetworkServerId networkServer) {
        KeyPair keys = Crypto.generateKeyPair(trust.keyLengthPolicy().modules(), random);
        Certificate certificate = securityServers.certifyModule(securityServer, role, keys.getPublic().getEncoded());
        TrustedLists lists = new TrustedLists(trust.scheme(), trust.pssKeys(), trust.latestBadIds(), trust.signedKeyLengthPolicy());
        network.storeModule(new HostedModule(certificate, vault.seal(keys.getPrivate()), lists, networkServer, clock.instant()));
        return certificate;
    }

    /** Starts the module's network sign-on (figure 6); the outcome arrives as the protocol runs. */
    public ConversationId signOn(ModuleId moduleId, Optional<Address> destination) {
        HostedModule module = module(moduleId);
        if (module.isSignedOn()) {
            throw new IllegalStateException("module " + moduleId + " is already signed on");
        }
        ConversationId conversation = ConversationId.random(random);
        var t = ModuleSignOn.start(contexts.module(module), conversation, destination, module.clockOffset());
        steps.record(NetworkDispatcher.moduleStep(moduleId, Optional.empty(), t));
        return conversation;
    }

    /** Starts a session from the module to a peer (figure 7); through the network server when signed on. */
    public ConversationId establishSession(ModuleId moduleId, ModuleId peer) {
        ConversationId conversation = ConversationId.random(random);
        ModuleAddress self = new ModuleAddress(moduleId);
        var t = SessionInitiator.start(contexts.session(self), conversation, new ModuleAddress(peer));
        steps.record(NetworkDispatcher.sessionStep(self, Optional.empty(), t));
        return conversation;
    }

    /** Sends a notice in an established session of the module's. */
    public void sendNotice(ModuleId moduleId, ConversationId conversation, String text) {
        if (text.isEmpty() || text.length() > MAX_NOTICE_CHARS) {
            throw new IllegalArgumentException("a notice has 1 to " + MAX_NOTICE_CHARS + " characters");
        }
        ModuleAddress self = new ModuleAddress(moduleId);
        ProtocolConversation c = conversation(conversation, self, ProtocolConversation.Protocol.SESSION);
        SessionState state = SessionState.decode(steps.state(c));
        if (!state.isEstablished()) {
            throw new IllegalStateException("session " + conversation + " is " + state.phase() + ", not established");
        }
        var t = SessionTraffic.send(contexts.session(self), state, Purpose.SESSION_NOTICE, text.getBytes(StandardCharsets.UTF_8));
        steps.record(NetworkDispatcher.sessionStep(self, Optional.of(c), t));
    }

    /** The module leaves the network: the network server drops its link. */
    public void signOff(ModuleId moduleId, ConversationId signOn) {
        HostedModule module = module(moduleId);
        ProtocolConversation c = conversation(signOn, new ModuleAddress(moduleId), ProtocolConversation.Protocol.MODULE_SIGN_ON);
        var t = ModuleSignOn.signOff(contexts.module(module), ModuleSignOnState.decode(steps.state(c)));
        if (steps.record(NetworkDispatcher.moduleStep(moduleId, Optional.of(c), t))) {
            completion.afterStep(module, t.state());
        }
    }

    /** Every party's side of a conversation: protocol, settled or not, and the outcome it was told. */
    public List<PartyView> conversation(ConversationId conversation) {
        return network.findConversations(conversation).stream()
                .map(c -> new PartyView(c.party().toString(), c.protocol().name(), c.isSettled(),
                        c.outcome().map(Enum::name).orElse(null), c.outcome().map(o -> o.messageFor(roleOf(c.party()))).orElse(null)))
                .toList();
    }

    public ModuleView moduleView(ModuleId moduleId) {
        HostedModule module = module(moduleId);
        Certificate certificate = module.certificate();
        return new ModuleView(moduleId.value(), module.role().name(), module.isSignedOn(), module.networkServer().name(),
                module.clockOffset().toMillis(), certificate.keyLength().bits(), certificate.expiresAt(),
                module.trust(trust.scheme()).badIds().version());
    }

    public List<String> notices(ModuleId moduleId) {
        return network.noticesOf(moduleId).stream().map(ReceivedNotice::text).toList();
    }

    /** One party's side of a conversation. */
    public record PartyView(String party, String protocol, boolean settled, String outcome, String message) {
    }

    /** A hosted module as its host application sees it. */
    public record ModuleView(long id, String role, boolean signedOn, String networkServer, long clockOffsetMs,
                             int keyLengthBits, java.time.Instant certificateExpiresAt, long badIdListVersion) {
    }

    private ModuleRole roleOf(Address party) {
        return party instanceof ModuleAddress m ? trust.scheme().roleOf(m.id()) : ModuleRole.SECURITY_SERVER;
    }

    private HostedModule module(ModuleId id) {
        return network.findModule(id).orElseThrow(() -> new IllegalArgumentException("no hosted module " + id));
    }

    private ProtocolConversation conversation(ConversationId id, Address party, ProtocolConversation.Protocol protocol) {
        ProtocolConversation c = network.findConversation(ProtocolConversation.keyOf(id, party))
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + id + " of " + party));
        if (c.protocol() != protocol) {
            throw new IllegalArgumentException("conversation " + id + " is a " + c.protocol() + ", not a " + protocol);
        }
        return c;
    }
}
