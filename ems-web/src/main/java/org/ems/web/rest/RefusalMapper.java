package org.ems.web.rest;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ems.crypto.MalformedEncodingException;
import org.ems.security.domain.CertificateRejectedException;

/**
 * Turns what the domain refuses into a clear HTTP answer with a {@link Problem} body. Refusals
 * of bad input change nothing (the transaction rolled back); anything unexpected is logged and
 * answered 500 without internals.
 */
@Provider
public class RefusalMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(RefusalMapper.class.getName());

    @Override
    public Response toResponse(Exception thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof WebApplicationException web) {
            return web.getResponse();
        }
        if (cause instanceof CertificateRejectedException rejected) {
            return problem(422, "certificate." + rejected.reason().name(), rejected.getMessage());
        }
        if (cause instanceof MalformedEncodingException malformed) {
            return problem(400, "malformed", malformed.getMessage());
        }
        if (cause instanceof IllegalArgumentException bad) {
            return problem(400, "invalid", bad.getMessage());
        }
        if (cause instanceof IllegalStateException conflict) {
            return problem(409, "conflict", conflict.getMessage());
        }
        LOG.log(Level.SEVERE, "unexpected failure of a REST call", thrown);
        return problem(500, "internal", "internal error; the operation did not complete");
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        // The EJB container wraps runtime exceptions of session beans.
        while (current instanceof EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Response problem(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem(status, code, message)).build();
    }
}
