package org.ems.web.portal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ems.security.domain.ModuleId;

/** The "Customer / module lookup" page: a module id in, its role, sign-on state, balances and notes out. */
@Named("moduleLookup")
@ViewScoped
public class ModuleLookupBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject ModuleLookupFacade facade;

    private String moduleId;
    private ModuleLookup result;

    public String getModuleId() {
        return moduleId;
    }

    public void setModuleId(String moduleId) {
        this.moduleId = moduleId == null ? null : moduleId.strip();
    }

    public ModuleLookup getResult() {
        return result;
    }

    /** Looks the module up; a malformed or unknown id says so and shows nothing. */
    public void lookUp() {
        result = null;
        ModuleId id;
        try {
            id = ModuleId.parse(moduleId == null ? "" : moduleId);
        } catch (IllegalArgumentException malformed) {
            message("Not a module id: enter the module's number (1 to 2^48-1).");
            return;
        }
        result = facade.lookUp(id).orElse(null);
        if (result == null) {
            message("No money module " + id + " is known here.");
        }
    }

    private static void message(String text) {
        FacesContext.getCurrentInstance().addMessage("lookup:moduleId", new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }
}
