package org.ems.csm.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.ems.bank.domain.BankId;
import org.ems.crypto.PrivateKeyVault;
import org.ems.csm.domain.AccountProfile;
import org.ems.csm.domain.AccountProfiles;
import org.ems.csm.domain.ClaimAcknowledgement;
import org.ems.csm.domain.ClaimMarks;
import org.ems.csm.domain.FailedCommitClaimRequest;
import org.ems.csm.domain.LostNotesClaimFile;
import org.ems.csm.domain.ProfileLink;
import org.ems.csm.domain.ProfileRejectedException;
import org.ems.csm.domain.ProfileRejection;
import org.ems.money.application.NoteCustody;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.ModuleBook;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The money module's side of the customer service flows, for a module hosted here: it receives
 * what the CSM sends as bytes (the wire forms of the domain), checks it with its own trusted lists
 * and stores the outcome. The CSM host and the module's host are one server, so the bytes pass in
 * process, in the caller's transaction, rather than through a secure session (see
 * docs/customer-service.md, "Application layer").
 */
@ApplicationScoped
public class HostedModuleSteps {

    @Inject CsmParties parties;
    @Inject CsmRepository repository;
    @Inject NoteCustody custody;
    @Inject PrivateKeyVault vault;
    @Inject SecureRandom random;

    /** The module's stored profiles. */
    public AccountProfiles profiles(ModuleId module) {
        AccountProfiles profiles = AccountProfiles.empty(module);
        for (StoredProfile row : repository.profiles(module)) {
            profiles = profiles.store(row.profile());
        }
        return profiles;
    }

    /** Figure 18, steps 1958-1966: the module checks the offered profile; nothing is stored yet. */
    public AccountProfile checkOffer(ModuleId module, byte[] offered) {
        HostedModule hosted = transactionModule(module);
        return ProfileLink.offer(AccountProfile.decode(offered), module, parties.checks(hosted), parties.now(hosted)).profile();
    }

    /**
     * Figure 18, steps 1966-1974: the customer's answer to an offered profile, checked again (the
     * bytes came back through the customer's host). Affirmed: stored, replacing the older profile of
     * its bank; declined: CUSTOMER_DECLINED and nothing stored.
     */
    public AccountProfile decide(ModuleId module, byte[] offered, boolean affirmed, String subscriber) {
        HostedModule hosted = transactionModule(module);
        ProfileLink.Proposal proposal = ProfileLink.offer(AccountProfile.decode(offered), module, parties.checks(hosted),
                parties.now(hosted));
        AccountProfile profile = proposal.profile();
        proposal.decide(affirmed, profiles(module));          // refuses a decline and a stale profile
        store(profile, subscriber);
        return profile;
    }

    /** Figure 19, step 1990: the stored profile of {@code bank} the module presents to the CSM. */
    public AccountProfile present(ModuleId module, BankId bank) {
        transactionModule(module);
        return profiles(module).forBank(bank).orElseThrow(() ->
                new ProfileRejectedException(ProfileRejection.ACCOUNT_NOT_LISTED, "module " + module + " has no profile for " + bank));
    }

    /** Figure 19, steps 2012-2016: the renewed profile replaces the stored one. */
    public AccountProfile acceptRevalidated(ModuleId module, byte[] renewed) {
        HostedModule hosted = transactionModule(module);
        AccountProfile profile = AccountProfile.decode(renewed);
        ProfileLink.acceptRevalidated(profiles(module), profile, parties.checks(hosted), parties.now(hosted));
        String subscriber = repository.profile(module, profile.bankId()).map(StoredProfile::subscriber).orElseThrow();
        store(profile, subscriber);
        return profile;
    }

    /** Figure 22, step 2082: the unclaimed failed-commit records the subscriber reviews. */
    public List<LogEntry> reviewable(ModuleId module) {
        transactionModule(module);
        return FailedCommitClaimRequest.reviewable(book(module).log(), repository.marks(module));
    }

    /** Figure 22, steps 2080-2088: the module's request for the selected records, as sent to the CSM. */
    public byte[] selectFailedCommits(ModuleId module, Collection<ConversationId> selected) {
        transactionModule(module);
        return FailedCommitClaimRequest.select(module, book(module).log(), repository.marks(module), selected).encoded();
    }

    /** Figure 22, step 2094: the module marks the claimed records with the CSM's acknowledgement. */
    public void markClaimed(ModuleId module, byte[] acknowledgement, byte[] request) {
        transactionModule(module);
        ClaimMarks before = repository.marks(module);
        ClaimMarks after = ClaimAcknowledgement.decode(acknowledgement)
                .markClaimed(before, book(module).log(), FailedCommitClaimRequest.decode(request));
        for (ClaimMarks.Mark mark : after.all()) {
            if (before.markOf(mark.record()).isEmpty()) {
                repository.store(new ClaimMarkRecord(module, mark));
            }
        }
    }

    /**
     * Figure 21: the lost-note claim file of the module, sealed to the CSM whose certificate the
     * module holds from its newest account profile, numbered by the module's claim sequence (a
     * refused claim rolls back and uses no number). A module without a profile knows no CSM to
     * seal to: IllegalStateException.
     */
    public byte[] createClaimFile(ModuleId module) {
        HostedModule hosted = transactionModule(module);
        AccountProfile newest = profiles(module).all().stream()
                .max(java.util.Comparator.comparing(AccountProfile::issuedAt))
                .orElseThrow(() -> new IllegalStateException("module " + module + " holds no account profile: no CSM to claim with"));
        ModuleBook book = book(module);
        long sequence = repository.sequence(module).next();
        return LostNotesClaimFile.create(hosted.certificate(), vault.open(hosted.sealedPrivateKey()), sequence, book.notes(),
                book.log(), repository.marks(module), newest.csmCertificate(), parties.now(hosted), random).encoded();
    }

    private void store(AccountProfile profile, String subscriber) {
        Optional<StoredProfile> row = repository.profile(profile.moduleId(), profile.bankId());
        if (row.isPresent()) {
            row.get().replace(profile, subscriber);
        } else {
            repository.store(new StoredProfile(profile, subscriber));
        }
    }

    private HostedModule transactionModule(ModuleId module) {
        return parties.hosted(module, ModuleRole.TRANSACTION);
    }

    private ModuleBook book(ModuleId module) {
        ModuleBook book = custody.books().get(module);
        return book == null ? ModuleBook.of(NoteDirectory.empty()) : book;
    }
}
