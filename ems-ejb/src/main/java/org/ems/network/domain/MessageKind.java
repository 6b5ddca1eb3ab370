package org.ems.network.domain;

import org.ems.crypto.StableCode;

/**
 * What a network message is, so a party can dispatch without opening the body. The code is what
 * the encoding carries: stable forever, never the ordinal. The comments name the patent steps.
 */
public enum MessageKind implements StableCode {
    /** Module to NS: the module's certificate (1246). */
    SIGN_ON_REQUEST(1),
    /** NS to SS: certificate, K and V under the NS/SS key (1252-1254). */
    SIGN_ON_FORWARD(2),
    /** SS to NS: access denied or certificate malfunction, with a notice sealed to the module (1266-1270, 1420). */
    SIGN_ON_VERDICT(3),
    /** NS to module: the SS's notice, forwarded before disconnecting (1272, 1422). */
    SIGN_ON_DENIED(4),
    /** SS to module: E_A(R, verification message) with Cert(SS) appended (1292-1296). */
    SIGN_ON_CHALLENGE(5),
    /** Module to SS: E_SS(verification message, R(A)) (1316-1318). */
    SIGN_ON_RESPONSE(6),
    /** A frame of a secure channel (MM/SS or MM/MM session key); the frame names its purpose. */
    CHANNEL(7),
    /** Module to NS: E_K(V, destination) (1446-1448). */
    SIGN_ON_VERIFICATION(8),
    /** NS to module: E_K(acknowledgement) (1460). */
    SIGN_ON_ACCEPTED(9),
    /** NS to module: E_K(access denied), then disconnect (1456-1458). */
    SIGN_ON_REFUSED(10),
    /** Module to NS: E_K(sign off): drop the link. */
    SIGN_OFF(11),
    /** Signed-on module to NS: E_K(a message for the linked destination); the NS unwraps and forwards it. */
    RELAY(12),
    /** Initiator to responder: Cert(A) (1468-1476). */
    SESSION_REQUEST(13),
    /** Responder to initiator: E_A(R(B), B verification message, time) with Cert(B) (1498-1506). */
    SESSION_CHALLENGE(14),
    /** Initiator to responder: E_B(A and B verification messages, time, R(A)) (1532-1538). */
    SESSION_RESPONSE(15),
    /** Either party: proof of a verification message that the session is abandoned. */
    SESSION_ABORT(16);

    private final int code;

    MessageKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MessageKind ofCode(int code) {
        return StableCode.ofCode(MessageKind.class, code, "message kind");
    }
}
