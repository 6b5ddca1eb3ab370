package org.ems.web.portal;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A postback whose {@code jakarta.faces.ViewState} the session does not hold (forged, stale, or
 * from a signed-out session) is refused with 403 before any action runs (MyFaces, Liberty's Faces,
 * raises ViewExpiredException for an unknown key and a decoding error for a malformed one): the CSRF check of
 * server-side state saving, answered plainly instead of with a stack trace.
 */
public class RefusedPostbackHandlerFactory extends ExceptionHandlerFactory {

    public RefusedPostbackHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static final class Handler extends ExceptionHandlerWrapper {

        private static final Logger LOG = Logger.getLogger(RefusedPostbackHandlerFactory.class.getName());
        private static final String VIEW_STATE = "jakarta.faces.ViewState";

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            FacesContext faces = FacesContext.getCurrentInstance();
            while (events.hasNext()) {
                ExceptionQueuedEventContext event = events.next().getContext();
                // A view state the session does not hold is "expired"; one that does not even
                // decode fails while the view is restored: both are refused the same way.
                boolean unknownViewState = causedBy(event.getException(), ViewExpiredException.class)
                        || (PhaseId.RESTORE_VIEW.equals(event.getPhaseId())
                            && faces.getExternalContext().getRequestParameterMap().containsKey(VIEW_STATE));
                if (unknownViewState) {
                    events.remove();
                    if (faces.getResponseComplete()) {
                        continue;
                    }
                    LOG.warning(() -> "refused a postback to " + faces.getExternalContext().getRequestServletPath()
                            + " without a view state of its session");
                    try {
                        faces.getExternalContext().responseSendError(403, "This form is no longer valid: reload the page.");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    faces.responseComplete();
                }
            }
            getWrapped().handle();
        }

        private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }
    }
}
