package org.ems.web.rest.csm;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.List;
import org.ems.csm.application.CsmHostService;
import org.ems.csm.application.CustomerServiceFacade;
import org.ems.csm.application.CustomerServiceFacade.ProfileView;

/**
 * Customer service over REST (figures 18-22), for customer service representatives and the
 * subscriber's host: the hosted CSMs, a subscriber's accounts at a bank, linking accounts to a
 * money module (the CSM offers a signed profile, the module checks it, the customer affirms or
 * declines), revalidation, and claims. The portal uses the same facade.
 */
@Path("/customer-service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"csr", "admin"})
public class CustomerServiceResource {

    @Inject CustomerServiceFacade facade;
    @Inject CsmHostService csms;

    /** Accounts to link: the CSM, the bank, the subscriber (the account holder), the account numbers. */
    public record LinkRequest(Long csm, String bank, String subscriber, List<String> accounts) {
    }

    /** The customer's answer to a profile offer: the offered profile (Base64) and yes or no. */
    public record OfferAnswer(String signedProfile, boolean affirmed, String subscriber) {
    }

    public record Offer(ProfileView profile, String signedProfile) {
    }

    @GET
    @Path("/csms")
    public List<CsmHostService.CsmView> csms() {
        return csms.csms();
    }

    @GET
    @Path("/banks/{bank}/accounts")
    public List<CustomerServiceFacade.BankAccountView> accounts(@PathParam("bank") String bank, @QueryParam("subscriber") String subscriber) {
        require(subscriber != null, "subscriber is required");
        return facade.subscriberAccounts(bank, subscriber);
    }

    @GET
    @Path("/modules/{id}")
    public CustomerServiceFacade.ModuleView module(@PathParam("id") long id) {
        return facade.findModule(id);
    }

    @POST
    @Path("/modules/{id}/profile-offers")
    public Response offer(@PathParam("id") long module, LinkRequest request) {
        require(request != null && request.csm() != null && request.bank() != null && request.subscriber() != null
                && request.accounts() != null, "csm, bank, subscriber and accounts are required");
        CustomerServiceFacade.ProfileOffer offer = facade.linkAccounts(request.csm(), module, request.bank(), request.subscriber(),
                request.accounts());
        return Response.status(201).entity(new Offer(offer.profile(), Base64.getEncoder().encodeToString(offer.signedProfile()))).build();
    }

    @POST
    @Path("/modules/{id}/profiles")
    public ProfileView answer(@PathParam("id") long module, OfferAnswer answer) {
        require(answer != null && answer.signedProfile() != null && answer.subscriber() != null,
                "signedProfile, affirmed and subscriber are required");
        return facade.answerProfileOffer(module, decode(answer.signedProfile()), answer.affirmed(), answer.subscriber());
    }

    @GET
    @Path("/modules/{id}/profiles")
    public List<ProfileView> profiles(@PathParam("id") long module) {
        return facade.profiles(module);
    }

    @POST
    @Path("/modules/{id}/profiles/{bank}/revalidation")
    public ProfileView revalidate(@PathParam("id") long module, @PathParam("bank") String bank, @QueryParam("csm") Long csm) {
        require(csm != null, "csm is required");
        return facade.revalidate(csm, module, bank);
    }

    /**
     * Create Lost Note(s) Claim (figure 21): the module's claim file, sealed to the CSM of its
     * account profile, for the subscriber's host to keep outside the module and submit if the
     * module is lost. Each call takes the module's next claim sequence number. Refused: nothing to
     * claim (422 {@code claim.NOTHING_CLAIMED}), no profile (409), not a transaction module (400).
     */
    @POST
    @Path("/modules/{id}/lost-notes-claims")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response lostNotesClaim(@PathParam("id") long module) {
        byte[] file = facade.createLostNotesClaim(module);
        return Response.status(201).entity(file)
                .header("Content-Disposition", "attachment; filename=\"lost-notes-claim-" + module + ".emsclaim\"").build();
    }

    @GET
    @Path("/modules/{id}/claims")
    public List<CustomerServiceFacade.ClaimView> claims(@PathParam("id") long module) {
        return facade.claimsOfModule(module);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signedProfile is not Base64");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
