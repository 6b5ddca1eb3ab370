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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
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
 * fixation) and holds the caller's name with the login data the registry gave (realm, groups).</li>
 * <li>Portal paths ({@link PortalPaths#isPortal}): the caller is the one the HTTP session holds (so
 * invalidating the session signs out); a protected page without one is redirected to the sign-in
 * page. Basic headers are ignored.</li>
 * <li>Everything else (the API under /api): an {@code Authorization: Basic} header on every call,
 * checked against the registry; a protected call without valid credentials is challenged (401).</li>
 * </ul>
 * Which roles may use what stays declarative (web.xml constraints, {@code @RolesAllowed}).
 */
@ApplicationScoped
public class EmsAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The session attribute that holds the signed-in CSR's name. */
    static final String CALLER = "org.ems.web.portal.caller";
    /** The session attribute that holds the container's login data of that caller. */
    static final String LOGIN_DATA = "org.ems.web.portal.loginData";
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
        loginData(context.getClientSubject()).ifPresent(data -> session.setAttribute(LOGIN_DATA, data));
        LOG.info(() -> "portal sign-in of " + user);
        return AuthenticationStatus.SUCCESS;
    }

    private static AuthenticationStatus fromSession(HttpServletRequest request, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        Object caller = session == null ? null : session.getAttribute(CALLER);
        if (caller instanceof String name) {
            if (session.getAttribute(LOGIN_DATA) instanceof HashMap<?, ?> data) {
                // The same identity the registry gave at sign-in (user, realm, groups), as Liberty's
                // own mechanisms hand it over: login data in the subject, then SUCCESS.
                context.getClientSubject().getPrivateCredentials().add(new Hashtable<>(data));
                return AuthenticationStatus.SUCCESS;
            }
            return context.notifyContainerAboutLogin(name, Set.of());
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + PortalPaths.SIGN_IN_PAGE);
        }
        return context.doNothing();
    }

    /**
     * The container's login data that the password check put into the subject (Liberty: a
     * Hashtable of realm, user id and group ids), copied so the session can hand the same
     * identity back on each request without keeping the password.
     */
    private static Optional<HashMap<String, Object>> loginData(Subject subject) {
        if (subject == null) {
            return Optional.empty();
        }
        for (Hashtable<?, ?> table : subject.getPrivateCredentials(Hashtable.class)) {
            HashMap<String, Object> copy = new HashMap<>();
            table.forEach((k, v) -> {
                if (k instanceof String key && v instanceof java.io.Serializable) {
                    copy.put(key, v instanceof java.util.List<?> list ? new ArrayList<>(list) : v);
                }
            });
            return Optional.of(copy);
        }
        return Optional.empty();
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
