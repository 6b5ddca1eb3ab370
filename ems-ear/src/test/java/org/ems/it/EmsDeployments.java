package org.ems.it;

import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives the tests deploy: always the EAR that the build produced, so the tests run the
 * product as shipped. In-container tests add their classes (and AssertJ) to its web module, where
 * the Servlet protocol runs them.
 */
public final class EmsDeployments {

    private static final String WEB_MODULE = "ems-web.war";

    private EmsDeployments() {
    }

    /** The product's EAR as built. */
    public static EnterpriseArchive product() {
        String ear = System.getProperty("ems.ear");
        if (ear == null || !new File(ear).isFile()) {
            throw new IllegalStateException("system property ems.ear must name the built EAR, got " + ear);
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(ear));
    }

    /** The product's EAR with test classes added to its web module. */
    public static EnterpriseArchive withTestClasses(Class<?>... testClasses) {
        EnterpriseArchive ear = product();
        WebArchive web = ear.getAsType(WebArchive.class, WEB_MODULE);
        web.addClasses(testClasses);
        web.addClass(EmsDeployments.class);
        web.addClass(Beans.class);
        web.addAsLibrary(jarOf(org.assertj.core.api.Assertions.class));
        ear.delete(WEB_MODULE);
        ear.addAsModule(web);
        return ear;
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type, e);
        }
    }
}
