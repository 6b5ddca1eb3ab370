package org.ems.web.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what the domain refuses into a clear HTTP answer with a {@link Problem} body (see
 * {@link Refusals}). Refusals of bad input change nothing (the transaction rolled back); anything
 * unexpected is logged and answered 500 without internals.
 */
@Provider
public class RefusalMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(RefusalMapper.class.getName());

    @Override
    public Response toResponse(Exception thrown) {
        Throwable cause = Refusals.unwrap(thrown);
        if (cause instanceof WebApplicationException web) {
            return web.getResponse();
        }
        Problem problem = Refusals.problemFor(cause);
        if (problem.status() == 500) {
            LOG.log(Level.SEVERE, "unexpected failure of a REST call", thrown);
        }
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(problem).build();
    }
}
