package org.ems.web.rest.network;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.ems.network.application.NetworkService;
import org.ems.network.application.NetworkService.ModuleView;
import org.ems.network.application.NetworkService.PartyView;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The EMS network for host applications and operators: hosted modules, their sign-on (figure 6),
 * their sessions (figure 7) and the notices sent in them. Protocols run asynchronously: a start
 * answers 202 with the conversation id, and {@code GET /conversations/{id}} shows each party's
 * state and the outcome it was told ("sign-on denied", "clock malfunction", ...).
 */
@Path("/network")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "admin"})
public class NetworkResource {

    @Inject NetworkService network;

    /** A network server to install: its name. */
    public record NetworkServerRequest(String name) {
    }

    /** A module to manufacture: its role, the security server that certifies it, the network server it dials. */
    public record ModuleRequest(String role, Long securityServerId, String networkServer) {
    }

    /** A sign-on's destination (optional), a session's peer, a notice's text. */
    public record SignOnRequest(Long destination) {
    }

    public record SessionRequest(Long peer) {
    }

    public record NoticeRequest(String text) {
    }

    public record Started(String conversation) {
    }

    @POST
    @Path("/network-servers")
    public Response installNetworkServer(NetworkServerRequest request) {
        require(request != null && request.name() != null, "name is required");
        NetworkServerId id = new NetworkServerId(request.name());
        return Response.status(201).entity(new NetworkServerView(id.name(), network.installNetworkServer(id))).build();
    }

    public record NetworkServerView(String name, int securityServers) {
    }

    @POST
    @Path("/modules")
    public Response openModule(ModuleRequest request) {
        require(request != null && request.role() != null && request.securityServerId() != null && request.networkServer() != null,
                "role, securityServerId and networkServer are required");
        Certificate certificate = network.openModule(role(request.role()), new ModuleId(request.securityServerId()),
                new NetworkServerId(request.networkServer()));
        return Response.status(201).entity(network.moduleView(certificate.subjectId())).build();
    }

    @GET
    @Path("/modules/{id}")
    public ModuleView module(@PathParam("id") long id) {
        return network.moduleView(new ModuleId(id));
    }

    @POST
    @Path("/modules/{id}/sign-ons")
    public Response signOn(@PathParam("id") long id, SignOnRequest request) {
        Optional<org.ems.network.domain.Address> destination = Optional.ofNullable(request).map(SignOnRequest::destination)
                .map(d -> new ModuleAddress(new ModuleId(d)));
        return started(network.signOn(new ModuleId(id), destination));
    }

    @DELETE
    @Path("/modules/{id}/sign-ons/{conversation}")
    public Response signOff(@PathParam("id") long id, @PathParam("conversation") String conversation) {
        network.signOff(new ModuleId(id), ConversationId.parse(conversation));
        return Response.accepted().build();
    }

    @POST
    @Path("/modules/{id}/sessions")
    public Response establishSession(@PathParam("id") long id, SessionRequest request) {
        require(request != null && request.peer() != null, "peer is required");
        return started(network.establishSession(new ModuleId(id), new ModuleId(request.peer())));
    }

    @POST
    @Path("/modules/{id}/sessions/{conversation}/notices")
    public Response sendNotice(@PathParam("id") long id, @PathParam("conversation") String conversation, NoticeRequest request) {
        require(request != null && request.text() != null, "text is required");
        network.sendNotice(new ModuleId(id), ConversationId.parse(conversation), request.text());
        return Response.accepted().build();
    }

    @GET
    @Path("/modules/{id}/notices")
    public List<String> notices(@PathParam("id") long id) {
        return network.notices(new ModuleId(id));
    }

    @GET
    @Path("/conversations/{conversation}")
    public List<PartyView> conversation(@PathParam("conversation") String conversation) {
        return network.conversation(ConversationId.parse(conversation));
    }

    private static Response started(ConversationId conversation) {
        return Response.status(202).entity(new Started(conversation.toString())).build();
    }

    private static ModuleRole role(String name) {
        try {
            return ModuleRole.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role " + name);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
