package org.ems.web.rest.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ems.crypto.KeyLength;
import org.ems.security.application.PrimarySecurityServerService;
import org.ems.security.application.SecurityServerService;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.KeyLengthPolicy;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.web.rest.security.SecurityDtos.BadIdListView;
import org.ems.web.rest.security.SecurityDtos.BadIdsRequest;
import org.ems.web.rest.security.SecurityDtos.CertificateView;
import org.ems.web.rest.security.SecurityDtos.CertifyModuleRequest;
import org.ems.web.rest.security.SecurityDtos.GlobalRecertificationRequest;
import org.ems.web.rest.security.SecurityDtos.KeyLengthPolicyView;
import org.ems.web.rest.security.SecurityDtos.PrimaryServerView;
import org.ems.web.rest.security.SecurityDtos.SecurityServerView;
import org.ems.web.rest.security.SecurityDtos.ValidationRequest;
import org.ems.web.rest.security.SecurityDtos.ValidationResult;

/**
 * Administration of the security hierarchy: primary security servers, security servers, module
 * certificates, the bad-ID list, the key-length policy and global recertification. Operators
 * and administrators only; changes to what the whole network trusts are for administrators.
 */
@Path("/security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "admin"})
public class SecurityAdministrationResource {

    @Inject PrimarySecurityServerService primaries;
    @Inject SecurityServerService securityServers;
    @Inject TrustAnchors trust;

    @POST
    @Path("/primary-servers")
    @RolesAllowed("admin")
    public Response addPrimaryServer() {
        return Response.status(201).entity(new PrimaryServerView(primaries.addPrimarySecurityServer().value())).build();
    }

    @GET
    @Path("/security-servers")
    public List<SecurityServerView> securityServers() {
        return securityServers.listSecurityServers().stream().map(SecurityServerView::of).toList();
    }

    @POST
    @Path("/security-servers")
    public Response createSecurityServer() {
        return Response.status(201).entity(CertificateView.of(primaries.createSecurityServer())).build();
    }

    @POST
    @Path("/security-servers/{ssId}/module-certificates")
    public Response certifyModule(@PathParam("ssId") long ssId, CertifyModuleRequest request) {
        require(request != null && request.role() != null && request.publicKey() != null, "role and publicKey are required");
        var certificate = securityServers.certifyModule(new ModuleId(ssId), role(request.role()), Base64Field.decode("publicKey", request.publicKey()));
        return Response.status(201).entity(CertificateView.of(certificate)).build();
    }

    @POST
    @Path("/security-servers/{ssId}/certificate-validations")
    public ValidationResult validate(@PathParam("ssId") long ssId, ValidationRequest request) {
        require(request != null && request.certificate() != null && request.role() != null, "certificate and role are required");
        try {
            securityServers.validateModule(new ModuleId(ssId), Base64Field.decode("certificate", request.certificate()), role(request.role()));
            return new ValidationResult(true, null, null);
        } catch (CertificateRejectedException rejected) {
            return new ValidationResult(false, rejected.reason().name(), rejected.getMessage());
        }
    }

    @GET
    @Path("/bad-ids")
    public BadIdListView badIds() {
        return BadIdListView.of(trust.latestBadIds());
    }

    @POST
    @Path("/bad-ids")
    public Response addBadIds(BadIdsRequest request) {
        require(request != null && request.ids() != null, "ids are required");
        Set<ModuleId> ids = new LinkedHashSet<>();
        request.ids().forEach(id -> ids.add(new ModuleId(id)));
        return Response.status(201).entity(BadIdListView.of(primaries.addToBadIdList(ids))).build();
    }

    @GET
    @Path("/key-length-policy")
    public KeyLengthPolicyView keyLengthPolicy() {
        return view(trust.keyLengthPolicy());
    }

    @PUT
    @Path("/key-length-policy")
    @RolesAllowed("admin")
    public KeyLengthPolicyView changeKeyLengthPolicy(KeyLengthPolicyView request) {
        require(request != null, "securityServers and modules are required");
        return view(primaries.changeKeyLengthPolicy(KeyLength.ofBits(request.securityServers()), KeyLength.ofBits(request.modules())));
    }

    @POST
    @Path("/global-recertifications")
    @RolesAllowed("admin")
    public Response callGlobalRecertification(GlobalRecertificationRequest request) {
        require(request != null && request.from() != null && request.until() != null, "calledBy, from and until are required");
        primaries.callGlobalRecertification(new ModuleId(request.calledBy()), request.from(), request.until());
        return Response.status(201).entity(request).build();
    }

    private static KeyLengthPolicyView view(KeyLengthPolicy policy) {
        return new KeyLengthPolicyView(policy.version(), policy.securityServers().bits(), policy.modules().bits());
    }

    private static ModuleRole role(String name) {
        try {
            return ModuleRole.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role " + name + "; one of " + List.of(ModuleRole.values()));
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
