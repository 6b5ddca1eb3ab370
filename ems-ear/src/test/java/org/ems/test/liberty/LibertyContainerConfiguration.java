package org.ems.test.liberty;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Where the managed Liberty server lives and how long to wait for it. Set from arquillian.xml,
 * whose values come from the Failsafe system properties of the build.
 */
public class LibertyContainerConfiguration implements ContainerConfiguration {

    private String wlpHome;
    private String serverName = "ems";
    private String applicationFile = "ems.ear";
    private String applicationName = "ems";
    private String host = "localhost";
    private int httpPort = 9080;
    private int startTimeoutSeconds = 180;
    private int deployTimeoutSeconds = 180;

    @Override
    public void validate() throws ConfigurationException {
        if (wlpHome == null || !Files.isExecutable(serverScript())) {
            throw new ConfigurationException("wlpHome must point at a Liberty install with bin/server: " + wlpHome);
        }
        if (!Files.isDirectory(serverDirectory())) {
            throw new ConfigurationException("server " + serverName + " was not created under " + wlpHome
                    + " (the build's liberty:create runs in pre-integration-test)");
        }
    }

    Path serverScript() {
        return Path.of(wlpHome, "bin", "server");
    }

    Path serverDirectory() {
        return Path.of(wlpHome, "usr", "servers", serverName);
    }

    Path applicationPath() {
        return serverDirectory().resolve("apps").resolve(applicationFile);
    }

    Path messagesLog() {
        return serverDirectory().resolve("logs").resolve("messages.log");
    }

    public String getWlpHome() { return wlpHome; }
    public void setWlpHome(String wlpHome) { this.wlpHome = wlpHome; }
    public String getServerName() { return serverName; }
    public void setServerName(String serverName) { this.serverName = serverName; }
    public String getApplicationFile() { return applicationFile; }
    public void setApplicationFile(String applicationFile) { this.applicationFile = applicationFile; }
    public String getApplicationName() { return applicationName; }
    public void setApplicationName(String applicationName) { this.applicationName = applicationName; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getHttpPort() { return httpPort; }
    public void setHttpPort(int httpPort) { this.httpPort = httpPort; }
    public int getStartTimeoutSeconds() { return startTimeoutSeconds; }
    public void setStartTimeoutSeconds(int startTimeoutSeconds) { this.startTimeoutSeconds = startTimeoutSeconds; }
    public int getDeployTimeoutSeconds() { return deployTimeoutSeconds; }
    public void setDeployTimeoutSeconds(int deployTimeoutSeconds) { this.deployTimeoutSeconds = deployTimeoutSeconds; }
}
