package org.ems.csm.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.bank.application.BankHostWiring;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.LedgerAmount;
import org.ems.bank.infrastructure.JpaBankRepository;
import org.ems.crypto.Crypto;
import org.ems.csm.domain.AccountProfile;
import org.ems.csm.domain.AccountType;
import org.ems.csm.domain.ClaimMarks;
import org.ems.csm.domain.ClaimRejectedException;
import org.ems.csm.domain.ClaimRejection;
import org.ems.csm.domain.LinkedAccount;
import org.ems.csm.domain.LostNotesClaimFile;
import org.ems.csm.domain.ProfileRejectedException;
import org.ems.csm.domain.ProfileRejection;
import org.ems.money.application.PaymentFixture;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteFixtures;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.TransactionLog;
import org.ems.money.teller.TellerRepository;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * The customer service facade over the JTA harness (Hibernate + Derby XA + Narayana) with the
 * built-in bank: linking (figure 18), revalidation (19), failed-commit claims of a working module
 * (22a, from a payment whose acknowledgement was lost), lost-note claim files (21) and lost-module
 * claims (22b), the MIIS's states; every refusal of those figures through the application layer,
 * each leaving the stored profiles and claims as they were. One harness for the class; each test
 * uses its own modules and accounts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerServiceFacadeTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final String BANK = "BANKC";
    private static final String ALICE = "Alice";
    private static final String BOB = "Bob";
    private static final AccountNumber CAPITAL = account("901");

    private PaymentFixture pay;
    private BankHostWiring bank;
    private CsmWiring csm;
    private ModuleId csmId;
    private final AtomicInteger accounts = new AtomicInteger(100);

    @BeforeAll
    void start() {
        Class<?>[] entities = new Class<?>[BankHostWiring.ENTITIES.length + CsmWiring.ENTITIES.length];
        System.arraycopy(BankHostWiring.ENTITIES, 0, entities, 0, BankHostWiring.ENTITIES.length);
        System.arraycopy(CsmWiring.ENTITIES, 0, entities, BankHostWiring.ENTITIES.length, CsmWiring.ENTITIES.length);
        pay = new PaymentFixture("csmapp" + RUN.incrementAndGet(), entities);
        bank = new BankHostWiring(pay.security.harness, pay.security.clock, pay.security.random);
        csm = new CsmWiring(pay, bank.host, new TellerRepository(pay.security.harness.transactionScopedEntityManager()));
        pay.security.txRun(() -> bank.host.openInternalAccount(CAPITAL, "Capital", "USD"));
        csmId = csm.openCsm();
    }

    @AfterAll
    void stop() {
        pay.close();
    }

    // ---- bank accounts and linking (figure 18) ----

    @Test
    void listsTheSubscribersAccountsAtTheBankWithTheirTypeAndState() {
        String carol = "Carol";
        AccountNumber deposit = open(carol, AccountKind.DEPOSIT);
        AccountNumber loan = open(carol, AccountKind.LOAN);
        AccountNumber closed = closed(carol);
        open(BOB, AccountKind.DEPOSIT);

        assertThat(pay.security.tx(() -> csm.facade.subscriberAccounts(BANK, carol))).containsExactly(
                new CustomerServiceFacade.BankAccountView(deposit.toString(), "DEPOSIT", true),
                new CustomerServiceFacade.BankAccountView(loan.toString(), "LOAN", true),
                new CustomerServiceFacade.BankAccountView(closed.toString(), "LOAN", false));
        assertThat(pay.security.tx(() -> csm.facade.subscriberAccounts("BANKX", carol))).isEmpty();
    }

    @Test
    void linkingStoresTheProfileOnlyWhenTheCustomerAffirmsIt() {
        ModuleId module = pay.signedOnModule();
        AccountNumber deposit = open(ALICE, AccountKind.DEPOSIT);
        AccountNumber loan = open(ALICE, AccountKind.LOAN);

        CustomerServiceFacade.ProfileOffer offer = offer(module, ALICE, deposit, loan);
        assertThat(offer.profile().accounts()).extracting(CustomerServiceFacade.BankAccountView::type).containsExactly("DEPOSIT", "LOAN");
        assertThat(offer.profile().csm()).isEqualTo(csmId.value());
        assertThat(profiles(module)).as("nothing stored before the customer answers").isEmpty();

        assertRefused(() -> answer(module, offer.signedProfile(), false), ProfileRejection.CUSTOMER_DECLINED);
        assertThat(profiles(module)).as("a declined profile is not stored").isEmpty();

        CustomerServiceFacade.ProfileView stored = answer(module, offer.signedProfile(), true);
        assertThat(profiles(module)).containsExactly(stored);
        assertThat(stored.accounts()).extracting(CustomerServiceFacade.BankAccountView::number)
                .containsExactly(deposit.toString(), loan.toString());
        assertThat(pay.security.tx(() -> csm.facade.findModule(module.value())).profiles()).containsExactly(stored);
        assertThat(pay.security.tx(() -> csm.facade.findCustomer(ALICE)).profiles()).contains(stored);

        // The same offer again is a replay: not newer than the stored profile.
        assertRefused(() -> answer(module, offer.signedProfile(), true), ProfileRejection.STALE);
    }

    @Test
    void linkingMoreAccountsKeepsThoseLinkedAndANewerProfileReplacesTheOlder() {
        ModuleId module = pay.signedOnModule();
        AccountNumber first = open(ALICE, AccountKind.DEPOSIT);
        AccountNumber second = open(BOB, AccountKind.DEPOSIT);
        CustomerServiceFacade.ProfileView before = csm.link(csmId, module, ALICE, first);
        pay.security.clock.advance(Duration.ofSeconds(1));

        CustomerServiceFacade.ProfileView after = csm.link(csmId, module, BOB, second);

        assertThat(after.issuedAt()).isAfter(before.issuedAt());
        assertThat(after.accounts()).extracting(CustomerServiceFacade.BankAccountView::number)
                .containsExactlyInAnyOrder(first.toString(), second.toString());
        assertThat(profiles(module)).containsExactly(after);
    }

    @Test
    void theCsmRefusesUnknownInactiveOrNoAccountsAndStoresNothing() {
        ModuleId module = pay.signedOnModule();
        AccountNumber bobs = open(BOB, AccountKind.DEPOSIT);
        AccountNumber closed = closed(ALICE);
        open(ALICE, AccountKind.DEPOSIT);

        assertRefused(() -> offer(module, ALICE, bobs), ProfileRejection.ACCOUNT_UNKNOWN);
        assertRefused(() -> offer(module, ALICE, closed), ProfileRejection.ACCOUNT_INACTIVE);
        assertRefused(() -> offer(module, ALICE), ProfileRejection.NO_ACCOUNTS);
        assertThat(profiles(module)).isEmpty();
    }

    @Test
    void theModuleRefusesAProfileWithABadCsmCertificateABadSignatureOrForAnotherModule() {
        ModuleId module = pay.signedOnModule();
        ModuleId other = pay.signedOnModule();
        AccountNumber deposit = open(ALICE, AccountKind.DEPOSIT);
        Instant now = pay.security.clock.instant();
        List<LinkedAccount> linked = List.of(new LinkedAccount(deposit, AccountType.DEPOSIT));

        // A CSM certified outside this security hierarchy.
        NoteFixtures.Party rogue = NoteFixtures.party(ModuleRole.CUSTOMER_SERVICE, 10_000_009, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(400)));
        AccountProfile foreign = AccountProfile.sign(rogue.cert(), rogue.keys().getPrivate(), module, new BankId(BANK), linked, now,
                now.plus(Duration.ofDays(30)));
        assertRefused(() -> answer(module, foreign.encoded(), true), ProfileRejection.CSM_CERTIFICATE_INVALID);

        // The hosted CSM's certificate, but signed with another key.
        Certificate csmCert = pay.security.tx(() -> pay.net.repository.findModule(csmId).orElseThrow().certificate());
        KeyPair otherKeys = Crypto.generateKeyPair(pay.security.tx(() -> pay.security.trust.keyLengthPolicy().modules()),
                pay.security.random);
        AccountProfile forged = AccountProfile.sign(csmCert, otherKeys.getPrivate(), module, new BankId(BANK), linked, now,
                now.plus(Duration.ofDays(30)));
        assertRefused(() -> answer(module, forged.encoded(), true), ProfileRejection.BAD_SIGNATURE);

        // A genuine profile, presented to another module.
        CustomerServiceFacade.ProfileOffer offer = offer(module, ALICE, deposit);
        assertRefused(() -> answer(other, offer.signedProfile(), true), ProfileRejection.WRONG_MODULE);

        // Bytes changed on the way through the customer's host.
        byte[] tampered = offer.signedProfile();
        tampered[tampered.length / 3] ^= 1;
        assertThatThrownBy(() -> answer(module, tampered, true)).isInstanceOf(ProfileRejectedException.class);

        assertThat(profiles(module)).isEmpty();
        assertThat(profiles(other)).isEmpty();
    }

    // ---- revalidation (figure 19) ----

    @Test
    void revalidationRenewsTheProfileWhileTheAccountsStayActive() {
        ModuleId module = pay.signedOnModule();
        AccountNumber deposit = open(ALICE, AccountKind.DEPOSIT);
        CustomerServiceFacade.ProfileView linked = csm.link(csmId, module, ALICE, deposit);
        pay.security.clock.advance(Duration.ofDays(10));

        CustomerServiceFacade.ProfileView renewed = pay.security.tx(() -> csm.facade.revalidate(csmId.value(), module.value(), BANK));

        assertThat(renewed.issuedAt()).isEqualTo(linked.issuedAt().plus(Duration.ofDays(10)));
        assertThat(renewed.expiresAt()).isEqualTo(linked.expiresAt().plus(Duration.ofDays(10)));
        assertThat(renewed.accounts()).isEqualTo(linked.accounts());
        assertThat(renewed.subscriber()).isEqualTo(ALICE);
        assertThat(profiles(module)).containsExactly(renewed);
    }

    @Test
    void revalidationIsRefusedWhenAnAccountClosedOrTheModuleHasNoProfileOfTheBank() {
        ModuleId module = pay.signedOnModule();
        AccountNumber deposit = open(ALICE, AccountKind.DEPOSIT);
        AccountNumber loan = open(ALICE, AccountKind.LOAN);
        CustomerServiceFacade.ProfileView linked = csm.link(csmId, module, ALICE, deposit, loan);
        close(loan);
        pay.security.clock.advance(Duration.ofDays(1));

        assertRefused(() -> pay.security.tx(() -> csm.facade.revalidate(csmId.value(), module.value(), BANK)),
                ProfileRejection.ACCOUNT_INACTIVE);
        assertThat(profiles(module)).containsExactly(linked);
        assertRefused(() -> pay.security.tx(() -> csm.facade.revalidate(csmId.value(), module.value(), "BANKX")),
                ProfileRejection.ACCOUNT_NOT_LISTED);
    }

    // ---- failed-commit claims of a working module (figure 22 a) and the MIIS ----

    @Test
    void aFailedCommitFromALostAcknowledgementIsClaimedMarkedAndMovedByTheMiis() {
        ModuleId payer = pay.signedOnModule();
        ModuleId payee = pay.signedOnModule();
        pay.fund(payer, 1_000);
        ConversationId payment = failedCommit(payer, payee, 600);

        assertRefused(() -> pay.security.tx(() -> csm.facade.claimFailedCommits(csmId.value(), payee.value(), ALICE,
                List.of(ConversationId.random(pay.security.random).toString()))), ClaimRejection.NOT_CLAIMABLE);
        assertRefused(() -> pay.security.tx(() -> csm.facade.claimFailedCommits(csmId.value(), payee.value(), ALICE, List.of())),
                ClaimRejection.NO_FAILED_COMMITS);
        List<CustomerServiceFacade.FailedCommitView> reviewable = pay.security.tx(() -> csm.facade.reviewableFailedCommits(payee.value()));
        assertThat(reviewable).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo(payment.toString());
            assertThat(r.amounts()).containsExactly(PaymentFixture.usd(600));
        });
        assertThat(pay.security.tx(() -> csm.facade.claimsOfModule(payee.value()))).isEmpty();

        CustomerServiceFacade.ClaimReceipt receipt = pay.security.tx(() ->
                csm.facade.claimFailedCommits(csmId.value(), payee.value(), ALICE, List.of(payment.toString())));

        assertThat(receipt.kind()).isEqualTo("FAILED_COMMIT");
        assertThat(receipt.totals()).containsExactly(PaymentFixture.usd(600));
        assertThat(pay.security.tx(() -> csm.facade.reviewableFailedCommits(payee.value()))).as("marked as claimed").isEmpty();
        ClaimMarks marks = pay.security.tx(() -> csm.repository.marks(payee));
        assertThat(marks.markOf(payment)).hasValueSatisfying(m -> assertThat(m.claim().toString()).isEqualTo(receipt.claimId()));
        assertThat(pay.security.tx(() -> csm.facade.findModule(payee.value())).unclaimedFailedCommits()).isZero();
        assertRefused(() -> pay.security.tx(() -> csm.facade.claimFailedCommits(csmId.value(), payee.value(), ALICE,
                List.of(payment.toString()))), ClaimRejection.NO_FAILED_COMMITS);

        CustomerServiceFacade.ClaimView filed = pay.security.tx(() -> csm.facade.claim(receipt.claimId()));
        assertThat(filed.state()).isEqualTo("FILED");
        assertThat(filed.subscriber()).isEqualTo(ALICE);
        assertThat(pay.security.tx(() -> csm.facade.claimsOf(ALICE))).extracting(CustomerServiceFacade.ClaimView::claimId)
                .contains(receipt.claimId());
        ClaimRecord stored = pay.security.tx(() -> csm.repository.claim(org.ems.csm.domain.ClaimId.parse(receipt.claimId())).orElseThrow());
        Certificate csmCert = pay.security.tx(() -> pay.net.repository.findModule(csmId).orElseThrow().certificate());
        assertThat(stored.filing().isSignedBy(csmCert.publicKey())).as("the filing is signed by the CSM").isTrue();

        assertThatThrownBy(() -> pay.security.tx(() -> csm.miis.pay(receipt.claimId()))).isInstanceOf(IllegalStateException.class);
        pay.security.clock.advance(Duration.ofHours(1));
        assertThat(pay.security.tx(() -> csm.miis.investigate(receipt.claimId())).state()).isEqualTo("UNDER_INVESTIGATION");
        assertThat(pay.security.tx(() -> csm.miis.pay(receipt.claimId())).state()).isEqualTo("PAID");
        assertThatThrownBy(() -> pay.security.tx(() -> csm.miis.reject(receipt.claimId(), "late"))).isInstanceOf(IllegalStateException.class);
        assertThat(pay.security.tx(() -> csm.facade.claim(receipt.claimId())).state()).as("a refused move changes nothing").isEqualTo("PAID");
    }

    @Test
    void aModuleWithoutFailedCommitsHasNothingToClaim() {
        ModuleId module = pay.signedOnModule();
        pay.fund(module, 100);
        assertRefused(() -> pay.security.tx(() -> csm.facade.claimFailedCommits(csmId.value(), module.value(), ALICE, List.of())),
                ClaimRejection.NO_FAILED_COMMITS);
        assertThat(pay.security.tx(() -> csm.facade.claimsOfModule(module.value()))).isEmpty();
    }

    @Test
    void theMiisRejectsAFiledClaimWithItsReason() {
        ModuleId payer = pay.signedOnModule();
        ModuleId payee = pay.signedOnModule();
        pay.fund(payer, 500);
        ConversationId payment = failedCommit(payer, payee, 200);
        String id = pay.security.tx(() -> csm.facade.claimFailedCommits(csmId.value(), payee.value(), BOB, List.of(payment.toString())))
                .claimId();
        assertThatThrownBy(() -> pay.security.tx(() -> csm.miis.reject(id, " "))).isInstanceOf(IllegalArgumentException.class);
        CustomerServiceFacade.ClaimView rejected = pay.security.tx(() -> csm.miis.reject(id, "the payer's notes were deposited"));
        assertThat(rejected.state()).isEqualTo("REJECTED");
        assertThat(pay.security.tx(() -> csm.facade.claim(id)).remark()).isEqualTo("the payer's notes were deposited");
    }

    // ---- lost-note claim files (figure 21) and lost-module claims (figure 22 b) ----

    @Test
    void aLostModulesClaimFileIsCreatedNumberedAndAccepted() {
        ModuleId module = pay.signedOnModule();
        csm.link(csmId, module, ALICE, open(ALICE, AccountKind.DEPOSIT));
        pay.fund(module, 300, 200);

        byte[] first = pay.security.tx(() -> csm.facade.createLostNotesClaim(module.value()));
        byte[] second = pay.security.tx(() -> csm.facade.createLostNotesClaim(module.value()));
        assertThat(LostNotesClaimFile.decode(first).description().claimSequence()).isEqualTo(1);
        assertThat(LostNotesClaimFile.decode(second).description().claimSequence()).isEqualTo(2);
        assertThat(LostNotesClaimFile.decode(second).description().recipient()).isEqualTo(csmId);

        CustomerServiceFacade.ClaimReceipt receipt = pay.security.tx(() -> csm.facade.claimLostModule(csmId.value(), second, ALICE));
        assertThat(receipt.kind()).isEqualTo("LOST_MODULE");
        assertThat(receipt.totals()).containsExactly(PaymentFixture.usd(500));
        assertThat(receipt.items()).isEqualTo(2);
        assertThat(pay.security.tx(() -> csm.facade.claimsOfModule(module.value()))).extracting(CustomerServiceFacade.ClaimView::state)
                .containsExactly("FILED");
    }

    @Test
    void aModuleWithoutAProfileOrWithoutNotesCannotCreateAClaimFile() {
        ModuleId unlinked = pay.signedOnModule();
        pay.fund(unlinked, 100);
        assertThatThrownBy(() -> pay.security.tx(() -> csm.facade.createLostNotesClaim(unlinked.value())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no account profile");
        ModuleId empty = pay.signedOnModule();
        csm.link(csmId, empty, ALICE, open(ALICE, AccountKind.DEPOSIT));
        assertRefused(() -> pay.security.tx(() -> csm.facade.createLostNotesClaim(empty.value())), ClaimRejection.NOTHING_CLAIMED);
        assertThat(pay.security.tx(() -> csm.repository.sequence(empty).lastIssued())).as("a refused claim takes no number").isZero();
    }

    @Test
    void aClaimFileWithAnInvalidModuleCertificateATamperedNoteOrInconsistentAmountsIsRefused() {
        ModuleId module = pay.signedOnModule();
        HostedModule hosted = pay.security.tx(() -> pay.net.repository.findModule(module).orElseThrow());
        var moduleKey = pay.security.vault.open(hosted.sealedPrivateKey());
        Certificate csmCert = pay.security.tx(() -> pay.net.repository.findModule(csmId).orElseThrow().certificate());
        Party generator = certified(ModuleRole.MONEY_GENERATOR);
        Party teller = certified(ModuleRole.TELLER);
        Instant now = pay.security.clock.instant();

        // A module certified outside this hierarchy.
        NoteFixtures.Party rogue = NoteFixtures.A;
        byte[] foreign = LostNotesClaimFile.create(rogue.cert(), rogue.keys().getPrivate(), 1,
                NoteDirectory.empty().withReceived(NoteFixtures.withdrawnBy(rogue, 100)), TransactionLog.empty(), ClaimMarks.none(),
                csmCert, NoteFixtures.NOW, pay.security.random).encoded();
        assertClaimRefused(foreign, ClaimRejection.MODULE_CERTIFICATE_INVALID);

        // A note whose generator signature does not verify.
        KeyPair wrong = Crypto.generateKeyPair(pay.security.tx(() -> pay.security.trust.keyLengthPolicy().modules()), pay.security.random);
        Note badlySigned = transfer(issue(generator, wrong, teller, 700, now), teller, module, 700, 1, now);
        assertClaimRefused(file(hosted.certificate(), moduleKey, NoteDirectory.empty().withReceived(badlySigned), csmCert, now),
                ClaimRejection.NOTE_INVALID);

        // One note of 1,000 given to the module twice: 2,000 out of 1,000 received.
        Note issued = issue(generator, generator.keys(), teller, 1_000, now);
        NoteDirectory twice = NoteDirectory.empty().withReceived(transfer(issued, teller, module, 1_000, 1, now))
                .withReceived(transfer(issued, teller, module, 1_000, 2, now));
        assertClaimRefused(file(hosted.certificate(), moduleKey, twice, csmCert, now), ClaimRejection.AMOUNT_INCONSISTENT);

        // A genuine file with its sealed part changed, and one submitted to another CSM.
        Note good = transfer(issue(generator, generator.keys(), teller, 400, now), teller, module, 400, 1, now);
        byte[] genuine = file(hosted.certificate(), moduleKey, NoteDirectory.empty().withReceived(good), csmCert, now);
        byte[] tampered = genuine.clone();
        tampered[tampered.length - 20] ^= 1;
        assertClaimRefused(tampered, ClaimRejection.MALFORMED);
        ModuleId otherCsm = csm.openCsm();
        assertThatThrownBy(() -> pay.security.tx(() -> csm.facade.claimLostModule(otherCsm.value(), genuine, ALICE)))
                .isInstanceOfSatisfying(ClaimRejectedException.class, e -> assertThat(e.reason()).isEqualTo(ClaimRejection.NOT_FOR_THIS_CSM));
        assertThat(pay.security.tx(() -> csm.facade.claimsOfModule(module.value()))).isEmpty();

        assertThat(pay.security.tx(() -> csm.facade.claimLostModule(csmId.value(), genuine, ALICE)).totals())
                .containsExactly(PaymentFixture.usd(400));
    }

    // ---- helpers ----

    private record Party(Certificate cert, KeyPair keys) {
    }

    private Party certified(ModuleRole role) {
        KeyPair keys = Crypto.generateKeyPair(pay.security.tx(() -> pay.security.trust.keyLengthPolicy().modules()), pay.security.random);
        return new Party(pay.security.tx(() -> pay.security.securityServers.certifyModule(pay.ss, role, keys.getPublic().getEncoded())), keys);
    }

    /** A note of {@code cents} issued to {@code teller}, its body signed with {@code signingKeys} (the generator's, or not). */
    private Note issue(Party generator, KeyPair signingKeys, Party teller, long cents, Instant now) {
        NoteBody body = new NoteBody(NoteId.random(pay.security.random), generator.cert().subjectId(), BANK, now,
                now.plus(Duration.ofDays(180)), Money.of(PaymentFixture.USD, cents), NoteType.CURRENCY);
        return Note.issue(generator.cert(), signingKeys.getPrivate(), body, teller.cert().subjectId());
    }

    private Note transfer(Note note, Party teller, ModuleId to, long cents, long sequence, Instant now) {
        return note.transfer(teller.cert(), teller.keys().getPrivate(), to, Money.of(PaymentFixture.USD, cents), now, sequence);
    }

    private byte[] file(Certificate moduleCert, java.security.PrivateKey key, NoteDirectory directory, Certificate csmCert, Instant now) {
        return LostNotesClaimFile.create(moduleCert, key, 1, directory, TransactionLog.empty(), ClaimMarks.none(), csmCert, now,
                pay.security.random).encoded();
    }

    private void assertClaimRefused(byte[] file, ClaimRejection reason) {
        assertRefused(() -> pay.security.tx(() -> csm.facade.claimLostModule(csmId.value(), file, ALICE)), reason);
    }

    /** A payment of {@code cents} committed by the payer whose acknowledgement is lost: the payee logs a failed commit. */
    private ConversationId failedCommit(ModuleId payer, ModuleId payee, long cents) {
        ConversationId session = pay.session(payer, payee);
        pay.security.txRun(() -> pay.payments.expect(payee, session, payer, PaymentFixture.usd(cents)));
        ConversationId payment = pay.security.tx(() -> pay.payments.pay(payer, session, PaymentFixture.usd(cents)));
        pay.deliverNext();
        pay.deliverNext();
        pay.transport.queue.poll();
        pay.security.clock.advance(Duration.ofSeconds(31));
        pay.fireDueTimers();
        pay.pump();
        return payment;
    }

    private CustomerServiceFacade.ProfileOffer offer(ModuleId module, String subscriber, AccountNumber... numbers) {
        List<String> selected = java.util.Arrays.stream(numbers).map(AccountNumber::toString).toList();
        return pay.security.tx(() -> csm.facade.linkAccounts(csmId.value(), module.value(), BANK, subscriber, selected));
    }

    private CustomerServiceFacade.ProfileView answer(ModuleId module, byte[] profile, boolean affirmed) {
        return pay.security.tx(() -> csm.facade.answerProfileOffer(module.value(), profile, affirmed, ALICE));
    }

    private List<CustomerServiceFacade.ProfileView> profiles(ModuleId module) {
        return pay.security.tx(() -> csm.facade.profiles(module.value()));
    }

    private static AccountNumber account(String number) {
        return new AccountNumber(new BankId(BANK), "1", number);
    }

    private AccountNumber open(String holder, AccountKind kind) {
        AccountNumber number = account(String.valueOf(accounts.incrementAndGet()));
        pay.security.txRun(() -> {
            bank.host.openCustomerAccount(number, holder, "USD", kind, 0, "1234".toCharArray());
            if (kind == AccountKind.DEPOSIT) {
                bank.host.fund("fund-" + number, CAPITAL, number, LedgerAmount.of(10_000, "USD"));
            }
        });
        return number;
    }

    private AccountNumber closed(String holder) {
        AccountNumber number = open(holder, AccountKind.LOAN);
        close(number);
        return number;
    }

    private void close(AccountNumber number) {
        var em = pay.security.harness.transactionScopedEntityManager();
        pay.security.txRun(() -> new JpaBankRepository(em).findAccount(number).orElseThrow().close());
    }

    private static void assertRefused(Executable call, ProfileRejection reason) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(ProfileRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void assertRefused(Executable call, ClaimRejection reason) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(ClaimRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
