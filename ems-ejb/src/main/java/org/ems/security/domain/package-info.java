/** The security hierarchy: numbering scheme, certificates and their validation, bad-ID list, PSS key list, key-length policy, global recertification. */
package org.ems.security.domain;
