package org.ems.web.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * The web module's one authentication mechanism (Jakarta Security 3.0 allows one per module, and
 * web.xml one login-config): the portal signs in with a form, the API with HTTP Basic.
 * <ul>
 * <li>Sign-in: the portal's sign-in bean calls {@code SecurityContext.authenticate} with the
 * user name and password; the password is checked against the server's user registry through the
 * standard {@link PasswordValidationCallback} (Liberty answers it from {@code basicRegistry}, the
 * same registry the API and Admin Center use). On success the session gets a new id (no session
 * fixation) and remembers the caller's name.</li>
 * <li>Portal paths ({@link PortalPaths#isPortal}): the caller is the name the session holds; a
 * protected page without one is redirected to the sign-in page. Basic headers are ignored.</li>
 * <li>Everything else (the API under /api): an {@code Authorization: Basic} header on every call,
 * checked against the registry; a protected call without valid credentials is challenged (401).</li>
 * </ul>
 * Which roles may use what stays declarative (web.xml constraints, {@code @RolesAllowed}).
 */
@ApplicationScoped
public class EmsAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The session attribute that holds the signed-in CSR's name. */
    static final String CALLER = "org.ems.web.portal.caller";
    static final String REALM = "EMS";

    private static final Logger LOG = Logger.getLogger(EmsAuthenticationMechanism.class.getName());

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential credential = context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential instanceof UsernamePasswordCredential password) {
            return signIn(request, context, password);
        }
        if (PortalPaths.isPortal(PortalPaths.withinModule(request.getRequestURI(), request.getContextPath()))) {
            return fromSession(request, context);
        }
        return basic(request, response, context);
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, UsernamePasswordCredential credential) {
        String user = credential.getCaller();
        if (user == null || user.isBlank() || !passwordValid(context, user, credential.getPassword().getValue())) {
            LOG.info(() -> "portal sign-in refused for user name '" + user + "'");
            return AuthenticationStatus.SEND_FAILURE;
        }
        // A new session id at sign-in: an id planted before (session fixation) is worth nothing after.
        HttpSession session;
        if (request.getSession(false) != null) {
            request.changeSessionId();
            session = request.getSession(false);
        } else {
            session = request.getSession(true);
        }
        session.setAttribute(CALLER, user);
        LOG.info(() -> "portal sign-in of " + user);
        return AuthenticationStatus.SUCCESS;
    }

    private static AuthenticationStatus fromSession(HttpServletRequest request, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        Object caller = session == null ? null : session.getAttribute(CALLER);
        if (caller instanceof String name) {
            // The registry supplies the groups (and so the roles) of a known user name.
            return context.notifyContainerAboutLogin(name, Set.of());
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + PortalPaths.SIGN_IN_PAGE);
        }
        return context.doNothing();
    }

    private static AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null && !context.isProtected()) {
            return context.doNothing();
        }
        var credentials = BasicCredentials.parse(header);
        if (credentials.isPresent()) {
            BasicCredentials c = credentials.get();
            try {
                if (passwordValid(context, c.user(), c.password())) {
                    return AuthenticationStatus.SUCCESS;
                }
            } finally {
                Arrays.fill(c.password(), '\0');
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** Asks the container to check the password against its user registry; on success the subject carries the user and groups. */
    private static boolean passwordValid(HttpMessageContext context, String user, char[] password) {
        PasswordValidationCallback check = new PasswordValidationCallback(context.getClientSubject(), user, password);
        try {
            context.getHandler().handle(new Callback[] {check});
            return check.getResult();
        } catch (IOException | UnsupportedCallbackException e) {
            LOG.log(Level.WARNING, "the container could not check a password", e);
            return false;
        } finally {
            check.clearPassword();
        }
    }
}
