package org.ems.test.liberty;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers the managed Liberty container with Arquillian (see META-INF/services). */
public class LibertyArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, ManagedLibertyContainer.class);
    }
}
