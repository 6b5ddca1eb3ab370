/** Signatures, key pairs, canonical signed encodings and sealed private keys, over one explicit Bouncy Castle provider. */
package org.ems.crypto;
