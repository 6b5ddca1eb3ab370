package org.ems.test.liberty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * Starts and stops the Liberty server that the build created ({@code wlp/bin/server}) and
 * deploys each test's EAR where server.xml expects the application, so the test application
 * runs with the product's exact server configuration (Hibernate library, data source, queues,
 * security bindings).
 */
public class ManagedLibertyContainer implements DeployableContainer<LibertyContainerConfiguration> {

    private static final Logger LOG = Logger.getLogger(ManagedLibertyContainer.class.getName());
    private static final List<String> STARTED = List.of("CWWKZ0001I", "CWWKZ0003I");
    private static final List<String> DEPLOY_FAILED = List.of("CWWKZ0002E", "CWWKZ0004E", "CWWKZ0012W", "CWWKZ0013E");
    private static final List<String> STOPPED = List.of("CWWKZ0009I");
    /** The servlet that the Servlet 6.0 protocol adds to the test application's web module. */
    private static final String ARQUILLIAN_SERVLET = "ArquillianServletRunnerEE9";

    private LibertyContainerConfiguration config;
    private MessagesLog log;

    @Override
    public Class<LibertyContainerConfiguration> getConfigurationClass() {
        return LibertyContainerConfiguration.class;
    }

    @Override
    public void setup(LibertyContainerConfiguration configuration) {
        this.config = configuration;
        this.log = new MessagesLog(configuration.messagesLog());
    }

    @Override
    public void start() throws LifecycleException {
        try {
            // A test application left behind by an aborted run must not start with the server.
            Files.deleteIfExists(config.applicationPath());
            runServerCommand("start", config.getStartTimeoutSeconds());
        } catch (IOException | InterruptedException e) {
            throw new LifecycleException("could not start Liberty server " + config.getServerName(), e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            runServerCommand("stop", 120);
        } catch (IOException | InterruptedException e) {
            throw new LifecycleException("could not stop Liberty server " + config.getServerName(), e);
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 6.0");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        try {
            log.mark();
            Path target = config.applicationPath();
            Path staging = target.resolveSibling(target.getFileName() + ".staging");
            archive.as(ZipExporter.class).exportTo(staging.toFile(), true);
            // Atomic move: the application monitor must never see a half-written archive.
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String line = log.awaitAny(STARTED, DEPLOY_FAILED, Duration.ofSeconds(config.getDeployTimeoutSeconds()));
            if (DEPLOY_FAILED.stream().anyMatch(line::contains)) {
                throw new DeploymentException("deployment of " + archive.getName() + " failed: " + line
                        + " (see " + config.messagesLog() + ")");
            }
        } catch (IOException | InterruptedException e) {
            throw new DeploymentException("deployment of " + archive.getName() + " did not complete", e);
        }
        HTTPContext http = new HTTPContext(config.getHost(), config.getHttpPort());
        http.add(new Servlet(ARQUILLIAN_SERVLET, "/"));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        try {
            log.mark();
            if (Files.deleteIfExists(config.applicationPath())) {
                log.awaitAny(STOPPED, List.of(), Duration.ofSeconds(config.getDeployTimeoutSeconds()));
            }
        } catch (IOException | InterruptedException e) {
            throw new DeploymentException("undeployment of " + archive.getName() + " did not complete", e);
        }
    }

    private void runServerCommand(String action, int timeoutSeconds) throws IOException, InterruptedException {
        Path output = config.serverDirectory().resolve("arquillian-" + action + ".log");
        // The server's output goes to a file: on the test's stdout it corrupts Surefire's channel.
        Process process = new ProcessBuilder(config.serverScript().toString(), action, config.getServerName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("server " + action + " did not finish in " + timeoutSeconds + " s");
        }
        int exit = process.exitValue();
        // server stop exits 1 when the server was not running: that is the state we want.
        if (exit != 0 && !("stop".equals(action) && exit == 1)) {
            throw new IOException("server " + action + " exited " + exit + ": " + Files.readString(output));
        }
        LOG.info(() -> "Liberty server " + config.getServerName() + " " + action + " done");
    }
}
