package org.ems.provider.domain;

/** The two kinds of terminal of JP H9-147043. */
public enum TerminalKind {
    /** The provider's: charges IC cards; holds a bank-POS terminal id at each bank where the provider has an account. */
    PROVIDER,
    /** A merchant's: sells against IC cards offline, settles its day; its bank-POS id pays into the merchant's account. */
    MERCHANT
}
