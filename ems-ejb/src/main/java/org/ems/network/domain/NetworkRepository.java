package org.ems.network.domain;

import java.util.List;
import java.util.Optional;
import org.ems.security.domain.ModuleId;

/** Hosted modules, protocol conversations, NS/SS keys and received notices. */
public interface NetworkRepository {

    Optional<HostedModule> findModule(ModuleId id);

    void storeModule(HostedModule module);

    Optional<ProtocolConversation> findConversation(String key);

    List<ProtocolConversation> findConversations(ConversationId conversation);

    void storeConversation(ProtocolConversation conversation);

    List<NetworkServerKey> keysOf(NetworkServerId networkServer);

    List<NetworkServerKey> keysFor(ModuleId securityServer);

    Optional<NetworkServerKey> findKey(NetworkServerId networkServer, ModuleId securityServer);

    void storeKey(NetworkServerKey key);

    void storeNotice(ReceivedNotice notice);

    List<ReceivedNotice> noticesOf(ModuleId module);
}
