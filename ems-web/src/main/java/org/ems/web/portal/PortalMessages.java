package org.ems.web.portal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.ems.security.domain.ModuleId;

/** What the portal's pages tell the CSR: a warning (a refusal, bad input) or a notice (done), and the module id check they share. */
final class PortalMessages {

    /** Longest bank code, subscriber name or claim id accepted from a form (TIGER_STYLE). */
    static final int MAX_TEXT = 100;
    static final String NOT_A_MODULE_ID = "Not a module id: enter the module's number (1 to 2^48-1).";

    private PortalMessages() {
    }

    static void warn(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }

    static void notice(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    /** The module id typed into a form, or null after telling the CSR it is none. */
    static ModuleId moduleId(String text) {
        try {
            return ModuleId.parse(text == null ? "" : text);
        } catch (IllegalArgumentException malformed) {
            warn(NOT_A_MODULE_ID);
            return null;
        }
    }

    /** Whether a text field is filled and not too long. */
    static boolean filled(String text) {
        return text != null && !text.isEmpty() && text.length() <= MAX_TEXT;
    }

    static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
