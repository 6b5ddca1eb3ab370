package org.ems.crypto;

import java.util.HashMap;
import java.util.Map;

/**
 * The purpose tag that starts every signed payload, so that a signature made for one kind of
 * document can never be replayed as another (domain separation, as GNU Taler does). The int
 * tag is what the encoding carries; it is stable forever: never renumber, only add.
 *
 * <p>Tag ranges leave room per context: 1-99 containers, 100-199 security hierarchy,
 * 200-299 network (sign-on, sessions), 300-399 money (notes, transfers), 400-499 customer
 * service, 500-599 settlement, 600-649 the e-money provider (JP H9-147043).
 */
public enum Purpose {

    /**
     * Not a signed payload: the container that carries a signed payload and its signature
     * (see {@link SignedEnvelope}). Signing code refuses payloads with this tag.
     */
    ENVELOPE(1, "ENV"),
    /** Not a signed payload: the container of {@link PublicKeyEncryption} (ECIES). */
    PUBLIC_KEY_SEALED(2, "PK-SEALED"),
    /** Not a signed payload: the container of {@link SymmetricCipher#seal}. */
    SYMMETRIC_SEALED(3, "SYM-SEALED"),
    SECURITY_SERVER_CERTIFICATE(101, "CERT-SS"),
    MODULE_CERTIFICATE(102, "CERT-M"),
    BAD_ID_LIST(103, "BAD-IDS"),
    PSS_KEY_LIST(104, "PSS-KEYS"),
    KEY_LENGTH_POLICY(105, "KEY-LEN"),
    GLOBAL_RECERTIFICATION(106, "GLOBAL-RECERT"),

    // 200-299 network: the wire message, its containers, the sign-on and session payloads, party states
    NETWORK_MESSAGE(200, "NET-MSG"),
    CHANNEL_FRAME(201, "CHAN-FRAME"),
    SEALED_WITH_CERTIFICATE(202, "SEALED+CERT"),
    NETWORK_RELAY(203, "RELAY"),
    SIGN_ON_REQUEST(210, "SO-REQUEST"),
    SIGN_ON_FORWARD(211, "SO-FORWARD"),
    SIGN_ON_VERDICT(212, "SO-VERDICT"),
    SIGN_ON_DENIAL(213, "SO-DENIAL"),
    SIGN_ON_CHALLENGE(214, "SO-CHALLENGE"),
    SIGN_ON_RESPONSE(215, "SO-RESPONSE"),
    SIGN_ON_SESSION_ACK(216, "SO-SESSION-ACK"),
    SIGN_ON_TIME(217, "SO-TIME"),
    SIGN_ON_TIME_CORRECTION(218, "SO-TIME-FIX"),
    SIGN_ON_UPDATE(219, "SO-UPDATE"),
    SIGN_ON_RECERTIFICATION_REQUEST(220, "SO-RECERT-REQ"),
    SIGN_ON_NEW_CERTIFICATE(221, "SO-NEW-CERT"),
    SIGN_ON_CERTIFICATE_INVALID(222, "SO-CERT-INVALID"),
    SIGN_ON_MODULE_ACK(223, "SO-MODULE-ACK"),
    SIGN_ON_RELEASE(224, "SO-K-V"),
    SIGN_ON_VERIFICATION(225, "SO-V"),
    SIGN_ON_ACCEPTED(226, "SO-ACCEPTED"),
    SIGN_ON_REFUSED(227, "SO-REFUSED"),
    SIGN_OFF(228, "SIGN-OFF"),
    SESSION_REQUEST(240, "SE-REQUEST"),
    SESSION_CHALLENGE(241, "SE-CHALLENGE"),
    SESSION_RESPONSE(242, "SE-RESPONSE"),
    SESSION_ACK(243, "SE-ACK"),
    SESSION_ABORT(244, "SE-ABORT"),
    SESSION_CLOSE(245, "SE-CLOSE"),
    SESSION_KEEPALIVE(246, "SE-KEEPALIVE"),
    /** A free-text notice between two modules in a session (host applications, tests). */
    SESSION_NOTICE(247, "SE-NOTICE"),
    MODULE_SIGN_ON_STATE(270, "ST-MODULE-SO"),
    NETWORK_SERVER_SIGN_ON_STATE(271, "ST-NS-SO"),
    SECURITY_SERVER_SIGN_ON_STATE(272, "ST-SS-SO"),
    SESSION_STATE(273, "ST-SESSION"),
    NETWORK_LINK(274, "ST-LINK"),
    /** A protocol party's state sealed at rest under the server's master key. */
    PROTOCOL_STATE_AT_REST(280, "ST-SEALED"),
    /** A hosted module's network link (holds K) sealed at rest. */
    NETWORK_LINK_AT_REST(281, "LINK-SEALED"),
    /** An NS/SS symmetric key sealed at rest. */
    NETWORK_KEY_AT_REST(282, "NSSS-SEALED"),
    /** A built-in bank's PIN-block key sealed at rest. */
    BANK_PIN_KEY_AT_REST(283, "PINKEY-SEALED"),

    // 300-349 money: electronic notes
    /** A note body, signed by its money generator. */
    NOTE_BODY(300, "NOTE-BODY"),
    /** One transfer record of a note, signed by its transferor. */
    NOTE_TRANSFER(301, "NOTE-XFER"),
    /** Not a signed payload: the container of a whole note (body, records, certificates). */
    NOTE(302, "NOTE"),
    /** Not a signed payload: the input of the running digest over a note's body and records. */
    NOTE_CHAIN_DIGEST(303, "NOTE-CHAIN"),
    /** Transfer Notes (figure 8): the packet of notes a payer sends its payee inside a session. */
    PAYMENT_NOTES(350, "PAY-NOTES"),
    /** Commit (figure 10): the payee's Ready-to-Commit, passing the obligation to commit first to the payer. */
    PAYMENT_READY_TO_COMMIT(351, "PAY-READY"),
    /** Commit (figure 10): the payer's acknowledgement, sent in the step that commits it. */
    PAYMENT_COMMIT_ACK(352, "PAY-ACK"),
    /** Abort (figure 11): "the transaction cannot be completed", with the reason. */
    PAYMENT_ABORT(353, "PAY-ABORT"),
    /** Not a signed payload: a payer's protocol state at rest. */
    PAYER_STATE(354, "ST-PAYER"),
    /** Not a signed payload: a payee's protocol state at rest. */
    PAYEE_STATE(355, "ST-PAYEE"),
    /** Not a signed payload: a module's book (held notes and transaction log) at rest. */
    MODULE_BOOK(356, "ST-BOOK"),
    /** Foreign exchange (figure 9, steps 1682-1684): "Log Updated", the transfer S(X) to S(not X) logged. */
    FX_LOG_UPDATED(357, "FX-LOGGED"),
    /** Foreign exchange (figure 9, steps 1694-1696): "Start Commit", B passing the first commit to A. */
    FX_START_COMMIT(358, "FX-START"),
    /** Not a signed payload: a foreign exchange party's state at rest. */
    FX_STATE(359, "ST-FX"),
    /** Settle Foreign Exchange (figure 27, steps 3060 and 3082): the amounts a side will send, by type of note and monetary unit. */
    SETTLE_FX_AMOUNTS(380, "SFX-AMOUNTS"),
    /** Settle Foreign Exchange (figure 27, steps 3068-3071 and 3090-3094): the peer's amounts did not verify. */
    SETTLE_FX_AMOUNTS_REFUSED(381, "SFX-REFUSED"),
    /** Not a signed payload: a Settle Foreign Exchange party's state at rest. */
    SETTLE_FX_STATE(382, "ST-SETTLE-FX"),

    // 400-449 customer service: account profiles (figures 18-20) and lost-note claims (figures 21-22)
    /** Account profile X (expire date, M(id), B(id), accounts), signed by the customer service module. */
    ACCOUNT_PROFILE(400, "ACCT-PROFILE"),
    /** Not a signed payload: an account profile with the CSM's signature and Cert(CSM). */
    SIGNED_ACCOUNT_PROFILE(401, "ACCT-PROFILE-SIGNED"),
    /** Not a signed payload: a module's account profiles (one per bank) at rest. */
    ACCOUNT_PROFILES(402, "ACCT-PROFILES"),
    /** Create Lost Note(s) Claim (figure 21): claim sequence number, note directory, notes, failed commits; signed by the module. */
    LOST_NOTES_CLAIM_PACKET(410, "CLAIM-PACKET"),
    /** The content key of a lost-note claim, sealed (ECIES) to the customer service module. */
    LOST_NOTES_CLAIM_KEY(411, "CLAIM-KEY"),
    /** The signed claim packet, sealed (AES-GCM) under the claim's content key. */
    LOST_NOTES_CLAIM_CONTENT(412, "CLAIM-CONTENT"),
    /** Not a signed payload: the claim file the subscriber's host stores (description in clear, packet sealed). */
    LOST_NOTES_CLAIM_FILE(413, "CLAIM-FILE"),
    /** Claim Lost Notes (figure 22, steps 2086-2088): the failed-commit records a module sends the CSM. */
    FAILED_COMMIT_CLAIM(414, "CLAIM-FAILED-COMMIT"),
    /** Claim Lost Notes (figure 22, step 2092): the CSM's acknowledgement with the claim identifier. */
    CLAIM_ACKNOWLEDGEMENT(415, "CLAIM-ACK"),
    /** A claim the CSM sends to the Money Issued Investigation System, signed by the CSM. */
    MIIS_CLAIM(416, "MIIS-CLAIM"),

    // 500-599 settlement: 500-539 the settlement agents' messages
    /** An EMS-AGENT/1 line (the exact text), signed by the sending agent's money module. */
    SETTLEMENT_AGENT_MESSAGE(500, "AGENT-MSG"),

    // 600-649 provider: the e-money provider scheme of JP H9-147043
    /** Callback authentication (figures 6, 8): the input of a terminal's HMAC answer to the host's challenge. */
    PROVIDER_CALLBACK_ANSWER(600, "PRV-CALLBACK"),
    /** Retired (e-money is EMS notes now): was the provider host's HMAC authenticator over issued e-money. Never reuse 601. */
    PROVIDER_EMONEY_AUTHENTICATOR(601, "PRV-EMONEY"),
    /** Not a signed payload: a terminal's callback key sealed at rest (host's and terminal's copy). */
    PROVIDER_TERMINAL_KEY_AT_REST(602, "PRV-TKEY-SEALED"),
    /** Not a signed payload: the PIN of one of the provider's bank accounts sealed at rest. */
    PROVIDER_ACCOUNT_PIN_AT_REST(603, "PRV-PIN-SEALED"),
    /** Retired with 601: was the provider host's authenticator key sealed at rest. Never reuse 604. */
    PROVIDER_ISSUING_KEY_AT_REST(604, "PRV-IKEY-SEALED"),
    /** Not a signed payload: the digest input over the e-money pieces of one settlement. */
    PROVIDER_SETTLEMENT_DIGEST(605, "PRV-SETTLE");

    private static final Map<Integer, Purpose> BY_TAG = new HashMap<>();

    static {
        for (Purpose purpose : values()) {
            if (BY_TAG.put(purpose.tag, purpose) != null) {
                throw new ExceptionInInitializerError("duplicate purpose tag " + purpose.tag);
            }
        }
    }

    private final int tag;
    private final String shortName;

    Purpose(int tag, String shortName) {
        this.tag = tag;
        this.shortName = shortName;
    }

    /** The stable number written at the start of every encoding of this purpose. */
    public int tag() {
        return tag;
    }

    /** A short stable name for logs and diagnostics. */
    public String shortName() {
        return shortName;
    }

    /** The purpose with this tag; {@link MalformedEncodingException} for an unknown tag. */
    public static Purpose ofTag(int tag) {
        Purpose purpose = BY_TAG.get(tag);
        if (purpose == null) {
            throw new MalformedEncodingException("unknown purpose tag " + tag);
        }
        return purpose;
    }
}
