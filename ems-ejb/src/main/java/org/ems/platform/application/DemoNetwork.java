package org.ems.platform.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.application.HierarchyInstallation;
import org.ems.security.application.PrimarySecurityServerService;
import org.ems.security.application.SecurityServerService;

/**
 * Brings up a small demo network on an empty database when {@code ems.demo.network} is true (the
 * run command's default): the security hierarchy, one security server and a network server. Each step is its own
 * transaction and is skipped when its result already exists, so restarts change nothing.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoNetwork {

    private static final Logger LOG = Logger.getLogger(DemoNetwork.class.getName());

    @Inject @ConfigProperty(name = "ems.demo.network", defaultValue = "false") boolean enabled;
    @Inject HierarchyInstallation installation;
    @Inject PrimarySecurityServerService primaries;
    @Inject SecurityServerService securityServers;
    @Inject NetworkService network;
    @Inject @ConfigProperty(name = "ems.demo.networkServer", defaultValue = "ns-1") String networkServer;

    @PostConstruct
    void seed() {
        if (!enabled) {
            return;
        }
        installation.install();
        if (securityServers.listSecurityServers().isEmpty()) {
            primaries.createSecurityServer();
        }
        network.installNetworkServer(new NetworkServerId(networkServer));
        LOG.info("demo network ready");
    }
}
