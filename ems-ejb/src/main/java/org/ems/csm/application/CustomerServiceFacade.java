package org.ems.csm.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.csm.domain.AccountProfile;
import org.ems.csm.domain.BankAccountRecord;
import org.ems.csm.domain.ClaimId;
import org.ems.csm.domain.ClaimLostNotes;
import org.ems.csm.domain.CustomerServiceModule;
import org.ems.csm.domain.FailedCommitClaimRequest;
import org.ems.csm.domain.LinkedAccount;
import org.ems.csm.domain.MiisClaim;
import org.ems.money.domain.Money;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * What the customer service representative's portal asks of a hosted CSM (figure 4A; figures
 * 18-22): find a customer or a module, list a subscriber's accounts at a bank, link accounts to a
 * module and revalidate its profiles, take failed-commit and lost-module claims, list claims.
 * DTOs only. Each call is one JTA transaction in which the CSM's step and the hosted module's step
 * run together; every refusal is a {@code ProfileRejectedException} or {@code ClaimRejectedException}
 * (application exceptions that roll back) and changes nothing.
 */
@Stateless
public class CustomerServiceFacade {

    @Inject CsmParties parties;
    @Inject CsmRepository repository;
    @Inject HostedModuleSteps modules;
    @Inject BankAccountDirectory directory;
    @Inject SecureRandom random;

    /** The modules linked for the subscriber and the subscriber's claims. */
    public CustomerView findCustomer(String subscriber) {
        MiisClaim.requireSubscriber(subscriber);
        return new CustomerView(subscriber, repository.profilesOf(subscriber).stream().map(p -> ProfileView.of(p.profile(), p.subscriber())).toList(),
                repository.claimsOf(subscriber).stream().map(c -> ClaimView.of(c.claim())).toList());
    }

    /** A hosted money module: its profiles, its unclaimed failed commits and its claims. */
    public ModuleView findModule(long moduleId) {
        ModuleId module = new ModuleId(moduleId);
        HostedModule hosted = parties.hosted(module, ModuleRole.TRANSACTION);
        return new ModuleView(moduleId, hosted.isSignedOn(), profiles(moduleId), modules.reviewable(module).size(), claimsOfModule(moduleId));
    }

    /** Figure 18, step 1934: the subscriber's accounts at the bank, as the bank reports them. */
    public List<BankAccountView> subscriberAccounts(String bank, String subscriber) {
        MiisClaim.requireSubscriber(subscriber);
        return directory.accountsOf(new BankId(bank), subscriber).stream().map(BankAccountView::of).toList();
    }

    /**
     * Figure 18, steps 1936-1966: the CSM signs a profile of the selected accounts (each one the
     * bank reports for the subscriber, active) together with the accounts the module's profile of
     * this bank lists already and the bank still reports active (linking adds accounts); the module
     * checks it. Returns the profile for the customer to affirm or decline
     * ({@link #answerProfileOffer}); nothing is stored yet.
     */
    public ProfileOffer linkAccounts(long csmId, long moduleId, String bank, String subscriber, List<String> selected) {
        MiisClaim.requireSubscriber(subscriber);
        ModuleId module = new ModuleId(moduleId);
        BankId bankId = new BankId(bank);
        parties.hosted(module, ModuleRole.TRANSACTION);
        CustomerServiceModule csm = parties.csm(new ModuleId(csmId));
        Map<AccountNumber, BankAccountRecord> reported = new LinkedHashMap<>();
        directory.accountsOf(bankId, subscriber).forEach(r -> reported.put(r.number(), r));
        List<AccountNumber> chosen = new ArrayList<>();
        for (String text : selected) {
            AccountNumber number = AccountNumber.parse(text);
            if (!chosen.contains(number)) {
                chosen.add(number);
            }
        }
        if (!chosen.isEmpty()) {
            modules.profiles(module).forBank(bankId).ifPresent(held -> {
                for (LinkedAccount linked : held.accounts()) {
                    directory.account(linked.number()).filter(BankAccountRecord::active).ifPresent(r -> {
                        reported.putIfAbsent(r.number(), r);
                        if (!chosen.contains(r.number())) {
                            chosen.add(r.number());
                        }
                    });
                }
            });
        }
        HostedModule csmHost = parties.hosted(csm.id(), ModuleRole.CUSTOMER_SERVICE);
        AccountProfile profile = csm.createProfile(module, bankId, List.copyOf(reported.values()), chosen, parties.now(csmHost));
        byte[] signed = profile.encoded();
        modules.checkOffer(module, signed);
        return new ProfileOffer(ProfileView.of(profile, subscriber), signed);
    }

    /** Figure 18, steps 1966-1974: the customer affirms (stored) or declines (CUSTOMER_DECLINED, nothing stored) the offer. */
    public ProfileView answerProfileOffer(long moduleId, byte[] signedProfile, boolean affirmed, String subscriber) {
        MiisClaim.requireSubscriber(subscriber);
        return ProfileView.of(modules.decide(new ModuleId(moduleId), signedProfile, affirmed, subscriber), subscriber);
    }

    /** The module's profiles, by bank. */
    public List<ProfileView> profiles(long moduleId) {
        return repository.profiles(new ModuleId(moduleId)).stream().map(p -> ProfileView.of(p.profile(), p.subscriber())).toList();
    }

    /**
     * Figure 19: the module presents its profile of {@code bank}; the CSM checks it and asks the
     * bank whether every listed account is still active; the module checks the renewed profile and
     * stores it in place of the old one.
     */
    public ProfileView revalidate(long csmId, long moduleId, String bank) {
        ModuleId module = new ModuleId(moduleId);
        CustomerServiceModule csm = parties.csm(new ModuleId(csmId));
        HostedModule csmHost = parties.hosted(csm.id(), ModuleRole.CUSTOMER_SERVICE);
        AccountProfile presented = modules.present(module, new BankId(bank));
        List<BankAccountRecord> current = new ArrayList<>();
        for (LinkedAccount linked : presented.accounts()) {
            directory.account(linked.number()).ifPresent(current::add);
        }
        AccountProfile renewed = csm.revalidate(AccountProfile.decode(presented.encoded()), module, parties.checks(csmHost), current,
                parties.now(csmHost));
        AccountProfile stored = modules.acceptRevalidated(module, renewed.encoded());
        return ProfileView.of(stored, repository.profile(module, stored.bankId()).orElseThrow().subscriber());
    }

    /** Figure 22, step 2082: the module's failed-commit records not claimed yet, for the subscriber to choose from. */
    public List<FailedCommitView> reviewableFailedCommits(long moduleId) {
        return modules.reviewable(new ModuleId(moduleId)).stream().map(FailedCommitView::of).toList();
    }

    /**
     * Figure 22 (a), a working module: the module sends the selected failed-commit records, the CSM
     * gives the claim id and files the claim with the MIIS, the module marks the records. An empty
     * selection or a module with none: NO_FAILED_COMMITS; a record that is not an unclaimed failed
     * commit: NOT_CLAIMABLE.
     */
    public ClaimReceipt claimFailedCommits(long csmId, long moduleId, String subscriber, List<String> records) {
        MiisClaim.requireSubscriber(subscriber);
        ModuleId module = new ModuleId(moduleId);
        ClaimLostNotes desk = parties.claimDesk(new ModuleId(csmId));
        HostedModule csmHost = parties.hosted(new ModuleId(csmId), ModuleRole.CUSTOMER_SERVICE);
        byte[] request = modules.selectFailedCommits(module, records.stream().map(ConversationId::parse).toList());
        ClaimLostNotes.FailedCommitFiled filed = desk.fileFailedCommits(FailedCommitClaimRequest.decode(request), module, subscriber,
                parties.now(csmHost), random);
        repository.store(new ClaimRecord(filed.filed().claim(), filed.filed().filing()));
        modules.markClaimed(module, filed.acknowledgement().encoded(), request);
        return ClaimReceipt.of(filed.filed().claim());
    }

    /** Figure 21: the module's lost-note claim file, for the subscriber's host to download and keep outside the module. */
    public byte[] createLostNotesClaim(long moduleId) {
        return modules.createClaimFile(new ModuleId(moduleId));
    }

    /** Figure 22 (b), a lost or damaged module: the CSM checks the uploaded claim file and files the claim with the MIIS. */
    public ClaimReceipt claimLostModule(long csmId, byte[] claimFile, String subscriber) {
        MiisClaim.requireSubscriber(subscriber);
        ClaimLostNotes desk = parties.claimDesk(new ModuleId(csmId));
        HostedModule csmHost = parties.hosted(new ModuleId(csmId), ModuleRole.CUSTOMER_SERVICE);
        ClaimLostNotes.Filed filed = desk.fileLostModuleClaim(claimFile, subscriber, parties.now(csmHost), random);
        repository.store(new ClaimRecord(filed.claim(), filed.filing()));
        return ClaimReceipt.of(filed.claim());
    }

    public List<ClaimView> claimsOfModule(long moduleId) {
        return repository.claimsOf(new ModuleId(moduleId)).stream().map(c -> ClaimView.of(c.claim())).toList();
    }

    public List<ClaimView> claimsOf(String subscriber) {
        return repository.claimsOf(subscriber).stream().map(c -> ClaimView.of(c.claim())).toList();
    }

    public ClaimView claim(String claimId) {
        return ClaimView.of(repository.claim(ClaimId.parse(claimId))
                .orElseThrow(() -> new IllegalArgumentException("no claim " + claimId)).claim());
    }

    /** An account as the bank reports it. */
    public record BankAccountView(String number, String type, boolean active) {
        static BankAccountView of(BankAccountRecord record) {
            return new BankAccountView(record.number().toString(), record.type().name(), record.active());
        }
    }

    /** A module's profile of one bank. */
    public record ProfileView(long module, String bank, long csm, String subscriber, Instant issuedAt, Instant expiresAt,
                              List<BankAccountView> accounts) {
        static ProfileView of(AccountProfile profile, String subscriber) {
            return new ProfileView(profile.moduleId().value(), profile.bankId().code(), profile.csmCertificate().subjectId().value(),
                    subscriber, profile.issuedAt(), profile.expiresAt(), profile.accounts().stream()
                    .map(a -> new BankAccountView(a.number().toString(), a.type().name(), true)).toList());
        }
    }

    /** A signed profile offered to the customer: the view to show, and the bytes to send back with the answer. */
    public record ProfileOffer(ProfileView profile, byte[] signedProfile) {
        public ProfileOffer {
            signedProfile = signedProfile.clone();
        }

        @Override
        public byte[] signedProfile() {
            return signedProfile.clone();
        }
    }

    /** A failed-commit record of a module's log: its id (the payment's conversation), direction and amounts. */
    public record FailedCommitView(String record, String direction, List<Money> amounts) {
        static FailedCommitView of(LogEntry entry) {
            Map<String, Money> totals = new LinkedHashMap<>();
            for (LoggedNote note : entry.notes()) {
                totals.merge(note.amount().currency().code(), note.amount(), Money::plus);
            }
            return new FailedCommitView(entry.conversation().toString(), entry.direction().name(), List.copyOf(totals.values()));
        }
    }

    /** What the subscriber is told when a claim is filed. */
    public record ClaimReceipt(String claimId, String kind, Instant filedAt, List<Money> totals, int items) {
        static ClaimReceipt of(MiisClaim claim) {
            return new ClaimReceipt(claim.id().toString(), claim.kind().name(), claim.filedAt(), claim.totals(), claim.items().size());
        }
    }

    /** A claim and where it stands. */
    public record ClaimView(String claimId, String kind, String subscriber, long module, long csm, Instant filedAt, List<Money> totals,
                            int items, String state, Instant stateSince, String remark) {
        static ClaimView of(MiisClaim claim) {
            return new ClaimView(claim.id().toString(), claim.kind().name(), claim.subscriber(), claim.module().value(),
                    claim.csm().value(), claim.filedAt(), claim.totals(), claim.items().size(), claim.state().name(), claim.stateSince(),
                    claim.remark().orElse(null));
        }
    }

    /** A hosted money module as the CSR sees it. */
    public record ModuleView(long id, boolean signedOn, List<ProfileView> profiles, int unclaimedFailedCommits, List<ClaimView> claims) {
    }

    /** A subscriber as the CSR sees it: the module profiles linked for them and their claims. */
    public record CustomerView(String subscriber, List<ProfileView> profiles, List<ClaimView> claims) {
    }
}
