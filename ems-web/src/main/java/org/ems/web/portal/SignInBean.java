package org.ems.web.portal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;

/**
 * The portal's sign-in form. Only a {@code csr} may stay signed in: an administrator's or
 * operator's valid password is refused here like a wrong one (their tool is Admin Center).
 */
@Named("signIn")
@ViewScoped
public class SignInBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject transient SecurityContext security;

    private String user;
    /** Kept for one request only: cleared after every attempt. */
    private transient String password;

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String signIn() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        String given = password;
        password = null;
        if (user == null || user.isBlank() || given == null || given.isEmpty()) {
            return refused(faces, "Enter your user name and password.");
        }
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(user.strip(), new Password(given))).newAuthentication(true));
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
            return null;
        }
        if (status != AuthenticationStatus.SUCCESS) {
            return refused(faces, "Sign-in refused: wrong user name or password.");
        }
        if (!request.isUserInRole("csr")) {
            PortalShellBean.endSession(request);
            return refused(faces, "Sign-in refused: this portal is for customer service representatives only.");
        }
        return PortalPaths.HOME_PAGE + "?faces-redirect=true";
    }

    private static String refused(FacesContext faces, String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        return null;
    }
}
