package org.ems.web.rest.settlement;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.ems.settlement.agents.domain.AgentRefusedException;
import org.ems.web.rest.Problem;
import org.ems.web.rest.Refusals;

/**
 * A settlement agent's refusal ({@link AgentRefusedException}, e.g. WRONG_STATE) as 422 with the
 * code {@code agent.<REFUSAL>}, as {@link Refusals} answers the other domain refusals; anything
 * else goes on to the API's mapper unchanged.
 */
final class AgentRefusals {

    private AgentRefusals() {
    }

    static <T> T mapped(Supplier<T> call) {
        try {
            return call.get();
        } catch (AgentRefusedException | EJBException e) {
            Throwable cause = Refusals.unwrap(e);
            if (cause instanceof AgentRefusedException refused) {
                throw new WebApplicationException(refused, response(problemFor(refused)));
            }
            throw e;
        }
    }

    static Problem problemFor(AgentRefusedException refused) {
        return new Problem(422, "agent." + refused.reason().name(), refused.getMessage());
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(problem).build();
    }
}
