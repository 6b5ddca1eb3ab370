package org.ems.csm.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import org.ems.csm.domain.ClaimId;
import org.ems.csm.domain.MiisClaim;

/**
 * The Money Issued Investigation System's handling of a filed claim: investigate, pay, reject.
 * Each call loads the claim, lets the domain decide the transition ({@link MiisClaim}; an illegal
 * one is an {@link IllegalStateException}, a system exception that rolls back) and stores the new
 * state; the claim's {@code @Version} makes a concurrent move fail. Paying does not post the
 * replacement through the issuing bank yet (see docs/customer-service.md).
 */
@Stateless
public class MiisService {

    @Inject CsmRepository repository;
    @Inject Clock clock;

    public CustomerServiceFacade.ClaimView investigate(String claimId) {
        return move(claimId, claim -> claim.investigate(now()));
    }

    public CustomerServiceFacade.ClaimView pay(String claimId) {
        return move(claimId, claim -> claim.pay(now()));
    }

    public CustomerServiceFacade.ClaimView reject(String claimId, String reason) {
        return move(claimId, claim -> claim.reject(now(), reason));
    }

    private CustomerServiceFacade.ClaimView move(String claimId, UnaryOperator<MiisClaim> transition) {
        ClaimRecord record = repository.claim(ClaimId.parse(claimId)).orElseThrow(() -> new IllegalArgumentException("no claim " + claimId));
        MiisClaim moved = transition.apply(record.claim());
        record.update(moved);
        return CustomerServiceFacade.ClaimView.of(moved);
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
