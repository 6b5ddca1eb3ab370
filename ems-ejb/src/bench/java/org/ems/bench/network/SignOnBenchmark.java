package org.ems.bench.network;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ems.crypto.KeyLength;
import org.ems.network.TestNetwork;
import org.ems.network.domain.Address;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.signon.ModuleContext;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.network.domain.signon.NetworkServerContext;
import org.ems.network.domain.signon.SecurityServerContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Whole protocols per second, in VM, one thread, for security servers and modules with keys of
 * {@code keyLength} (primary security servers stay P-521): a sign-on without recertification
 * (module, network server, security server) and an established session between two modules.
 * Their floors are {@link PublicKeyFloorBenchmark}'s operations, measured in the same run:
 *
 * <pre>
 * sign-on: 2 verify P-521 (Cert(SS) by the PSS key, checked by the SS inside Cert(M) and by the module)
 *          2 verify      (Cert(M) by the SS's key, the update by the SS's key: keys decoded from the message)
 *          1 sign        (the update)
 *          2 key pairs + 4 ECDH (two ECIES seals and their two opens)
 * session: 2 verify P-521, 2 verify (each side checks the other's Cert(M) chain)
 *          2 key pairs + 4 ECDH (two ECIES seals and their opens)
 * </pre>
 * floor rate = 1 / (sum of count / rate over the operations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignOnBenchmark {

    @Param({"P256", "P384"})
    public String keyLength;

    private ModuleContext module;
    private NetworkServerContext networkServer;
    private SecurityServerContext securityServer;
    private SessionContext initiator;
    private SessionContext responder;
    private Optional<Address> destination;
    private SecureRandom random;

    @Setup
    public void setUp() {
        TestNetwork net = new TestNetwork(KeyLength.valueOf(keyLength), 2026);
        random = new SecureRandom();
        TestNetwork.Member member = net.transactionModule();
        TestNetwork.Member bank = net.tellerModule();
        TrustedLists trust = net.trust;
        module = new ModuleContext(member.certificate(), member.keys().getPrivate(), trust, net.networkServer, TestNetwork.CLOCK, random,
                TestNetwork.LIMITS);
        networkServer = net.networkServerContext();
        securityServer = net.securityServerContext();
        initiator = net.sessionContext(member);
        responder = net.sessionContext(bank);
        destination = Optional.of(new ModuleAddress(bank.id()));
        if (!signOn().isSignedOn() || establishSession().outcome().orElseThrow() != Outcome.SESSION_ESTABLISHED) {
            throw new IllegalStateException("the benchmark's protocols must succeed");
        }
    }

    /** Figure 6 end to end: certificate, K and V, challenge, session, clock check, signed update, release, E_K(V), link. */
    @Benchmark
    public ModuleSignOnState signOn() {
        return InVmExchange.signOn(module, networkServer, securityServer, ConversationId.random(random), destination);
    }

    /** Figure 7 end to end, direct: certificates, R(B), R(A), both verification messages, acknowledgement. */
    @Benchmark
    public org.ems.network.domain.session.SessionState establishSession() {
        return InVmExchange.establish(initiator, responder, ConversationId.random(random));
    }
}
