/** JPA implementations of the security hierarchy's repositories. */
package org.ems.security.infrastructure;
