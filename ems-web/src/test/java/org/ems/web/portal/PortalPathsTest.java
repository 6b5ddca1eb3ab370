package org.ems.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalPathsTest {

    @Test
    void thePortalIsItsPagesAndTheSignInPageAndNothingElse() {
        assertThat(PortalPaths.isPortal("/portal/lookup.xhtml")).isTrue();
        assertThat(PortalPaths.isPortal("/portal")).isTrue();
        assertThat(PortalPaths.isPortal("/login.xhtml")).isTrue();
        assertThat(PortalPaths.isPortal("/jakarta.faces.resource/portal/portal.css.xhtml")).isTrue();

        assertThat(PortalPaths.isPortal("/api/money/desks")).isFalse();
        assertThat(PortalPaths.isPortal("/portalish/x")).isFalse();
        assertThat(PortalPaths.isPortal("/api/portal/x")).isFalse();
    }

    @Test
    void pathsAreTakenInsideTheModuleWithoutPathParameters() {
        assertThat(PortalPaths.withinModule("/portal/lookup.xhtml", "")).isEqualTo("/portal/lookup.xhtml");
        assertThat(PortalPaths.withinModule("/ems/portal/lookup.xhtml", "/ems")).isEqualTo("/portal/lookup.xhtml");
        assertThat(PortalPaths.withinModule("/api/x;portal=/portal/", "")).as("a path parameter cannot smuggle a portal path").isEqualTo("/api/x");
    }
}
