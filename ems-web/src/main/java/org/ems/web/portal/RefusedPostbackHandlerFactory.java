package org.ems.web.portal;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A postback whose {@code jakarta.faces.ViewState} the session does not hold (forged, stale, or
 * from a signed-out session) is refused with 403 before any action runs: the CSRF check of
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

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                Throwable thrown = events.next().getContext().getException();
                if (causedBy(thrown, ViewExpiredException.class)) {
                    events.remove();
                    FacesContext faces = FacesContext.getCurrentInstance();
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
