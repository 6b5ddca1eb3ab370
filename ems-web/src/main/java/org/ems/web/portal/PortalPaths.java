package org.ems.web.portal;

/**
 * Which requests belong to the browser portal (a form sign-in and an HTTP session) and which to
 * the API (HTTP Basic on every call). The two never mix: a Basic header is ignored on portal
 * paths, so credentials a browser caches for the API cannot ride into the portal, and a portal
 * session cookie never authenticates an API call.
 */
final class PortalPaths {

    /** The sign-in page: open to anyone, over TLS only (web.xml). */
    static final String SIGN_IN_PAGE = "/login.xhtml";
    /** Where a signed-in CSR lands. */
    static final String HOME_PAGE = "/portal/lookup.xhtml";
    static final String PORTAL_PREFIX = "/portal/";
    /** Faces resources (the portal's style sheet): they ride with the portal's session. */
    static final String FACES_RESOURCES_PREFIX = "/jakarta.faces.resource/";

    private PortalPaths() {
    }

    /** The path inside the web module, without its context root and without path parameters. */
    static String withinModule(String requestUri, String contextPath) {
        String path = requestUri.startsWith(contextPath) ? requestUri.substring(contextPath.length()) : requestUri;
        int parameters = path.indexOf(';');
        return parameters >= 0 ? path.substring(0, parameters) : path;
    }

    static boolean isPortal(String path) {
        return path.startsWith(PORTAL_PREFIX) || path.equals("/portal") || path.equals(SIGN_IN_PAGE)
                || path.startsWith(FACES_RESOURCES_PREFIX);
    }
}
