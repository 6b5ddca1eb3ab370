package org.ems.network.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.NetworkServerKey;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ReceivedNotice;
import org.ems.security.domain.ModuleId;

/** JPA store of the network's hosted modules, conversations, NS/SS keys and notices. */
@ApplicationScoped
public class JpaNetworkRepository implements NetworkRepository {

    /** Bound on what one listing returns. */
    private static final int MAX_LISTED = 500;

    @PersistenceContext(unitName = "ems")
    private EntityManager em;

    protected JpaNetworkRepository() {
        // for CDI
    }

    public JpaNetworkRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<HostedModule> findModule(ModuleId id) {
        return Optional.ofNullable(em.find(HostedModule.class, id.value()));
    }

    @Override
    public void storeModule(HostedModule module) {
        em.persist(module);
    }

    @Override
    public Optional<ProtocolConversation> findConversation(String key) {
        return Optional.ofNullable(em.find(ProtocolConversation.class, key));
    }

    @Override
    public List<ProtocolConversation> findConversations(ConversationId conversation) {
        return em.createQuery("select c from ProtocolConversation c where c.conversationId = :id", ProtocolConversation.class)
                .setParameter("id", conversation.toString()).setMaxResults(MAX_LISTED).getResultList();
    }

    @Override
    public void storeConversation(ProtocolConversation conversation) {
        em.persist(conversation);
    }

    @Override
    public List<NetworkServerKey> keysOf(NetworkServerId networkServer) {
        return em.createQuery("select k from NetworkServerKey k where k.networkServer = :ns", NetworkServerKey.class)
                .setParameter("ns", networkServer.name()).setMaxResults(MAX_LISTED).getResultList();
    }

    @Override
    public List<NetworkServerKey> keysFor(ModuleId securityServer) {
        return em.createQuery("select k from NetworkServerKey k where k.securityServer = :ss", NetworkServerKey.class)
                .setParameter("ss", securityServer.value()).setMaxResults(MAX_LISTED).getResultList();
    }

    @Override
    public Optional<NetworkServerKey> findKey(NetworkServerId networkServer, ModuleId securityServer) {
        return Optional.ofNullable(em.find(NetworkServerKey.class, networkServer.name() + ":" + securityServer.value()));
    }

    @Override
    public void storeKey(NetworkServerKey key) {
        em.persist(key);
    }

    @Override
    public void storeNotice(ReceivedNotice notice) {
        em.persist(notice);
    }

    @Override
    public List<ReceivedNotice> noticesOf(ModuleId module) {
        return em.createQuery("select n from ReceivedNotice n where n.module = :m order by n.id", ReceivedNotice.class)
                .setParameter("m", module.value()).setMaxResults(MAX_LISTED).getResultList();
    }
}
