package org.ems.security.application;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ems.crypto.PrivateKeyVault;
import org.ems.security.domain.CertifiedModule;
import org.ems.security.domain.InstalledNumberingScheme;
import org.ems.security.domain.PrimarySecurityServer;
import org.ems.security.domain.ResidueCounter;
import org.ems.security.domain.SecurityPublication;
import org.ems.security.domain.SecurityServer;
import org.ems.security.infrastructure.JpaCertifiedModuleRepository;
import org.ems.security.infrastructure.JpaNumberingSchemeRepository;
import org.ems.security.infrastructure.JpaPrimarySecurityServerRepository;
import org.ems.security.infrastructure.JpaSecurityPublicationRepository;
import org.ems.security.infrastructure.JpaSecurityServerRepository;
import org.ems.testing.ManualClock;
import org.ems.testing.jta.JtaHarness;

/**
 * The security hierarchy's services wired as the container wires them, over the JTA harness
 * (Hibernate + Derby XA + Narayana), with a clock the test moves and a security network that
 * records what it is asked to send.
 */
public final class SecurityFixture implements AutoCloseable {

    public static final Class<?>[] ENTITIES = {InstalledNumberingScheme.class, ResidueCounter.class, PrimarySecurityServer.class,
            SecurityServer.class, CertifiedModule.class, SecurityPublication.class};

    public final JtaHarness harness;
    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T10:00:00Z"));
    public final RecordingSecurityNetwork network = new RecordingSecurityNetwork();
    public final HierarchyInstallation installation = new HierarchyInstallation();
    public final PrimarySecurityServerService primaries = new PrimarySecurityServerService();
    public final SecurityServerService securityServers = new SecurityServerService();
    public final TrustAnchors trust;
    public final PrivateKeyVault vault = new PrivateKeyVault(new byte[32]);
    public final SecureRandom random = new SecureRandom();
    public final JpaSecurityServerRepository securityServerRepository;

    public SecurityFixture(String name, Class<?>... moreEntities) {
        harness = JtaHarness.start(name, allEntities(moreEntities));
        var em = harness.transactionScopedEntityManager();
        var schemes = new JpaNumberingSchemeRepository(em);
        var pssRepo = new JpaPrimarySecurityServerRepository(em);
        var ssRepo = new JpaSecurityServerRepository(em);
        securityServerRepository = ssRepo;
        var modules = new JpaCertifiedModuleRepository(em);
        var publications = new JpaSecurityPublicationRepository(em);
        trust = new TrustAnchors(schemes, publications);

        installation.schemes = schemes;
        installation.primaries = pssRepo;
        installation.publications = publications;
        installation.vault = vault;
        installation.random = random;
        installation.clock = clock;

        primaries.schemes = schemes;
        primaries.primaries = pssRepo;
        primaries.securityServers = ssRepo;
        primaries.publications = publications;
        primaries.trust = trust;
        primaries.network = network;
        primaries.vault = vault;
        primaries.random = random;
        primaries.clock = clock;
        primaries.ssCertificateDays = 730;

        securityServers.schemes = schemes;
        securityServers.securityServers = ssRepo;
        securityServers.modules = modules;
        securityServers.publications = publications;
        securityServers.trust = trust;
        securityServers.vault = vault;
        securityServers.clock = clock;
        securityServers.moduleCertificateDays = 365;
    }

    /** Runs one service call in its own JTA transaction, as the container's REQUIRED does. */
    public <T> T tx(java.util.function.Supplier<T> call) {
        return harness.fromTransaction(em -> call.get());
    }

    public void txRun(Runnable call) {
        harness.inTransaction(em -> {
            call.run();
        });
    }

    @Override
    public void close() {
        harness.close();
    }

    private static Class<?>[] allEntities(Class<?>... more) {
        Class<?>[] all = java.util.Arrays.copyOf(ENTITIES, ENTITIES.length + more.length);
        System.arraycopy(more, 0, all, ENTITIES.length, more.length);
        return all;
    }

    /** The security network port, recording each distribution instead of sending it. */
    static final class RecordingSecurityNetwork implements SecurityNetwork {
        final List<byte[]> badIdLists = new ArrayList<>();

        @Override
        public void distributeBadIdList(long version, byte[] encodedList) {
            badIdLists.add(encodedList);
        }
    }
}
