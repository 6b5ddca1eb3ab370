package org.ems.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The frame around every portal page: who is signed in, and signing out. */
@Named("portal")
@RequestScoped
public class PortalShellBean {

    private static final Logger LOG = Logger.getLogger(PortalShellBean.class.getName());

    public String getCaller() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }

    /** Signs out: the session and everything in it (view states included) is gone; back to the sign-in page. */
    public void signOut() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String caller = getCaller();
        endSession(request);
        LOG.info(() -> "portal sign-out of " + caller);
        external.redirect(request.getContextPath() + PortalPaths.SIGN_IN_PAGE + "?signedOut=true");
        faces.responseComplete();
    }

    static void endSession(HttpServletRequest request) {
        try {
            request.logout();
        } catch (ServletException e) {
            LOG.log(Level.WARNING, "container logout failed; the session is invalidated all the same", e);
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
