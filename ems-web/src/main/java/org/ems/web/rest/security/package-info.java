/** Administration of the security hierarchy over REST, for the ops and admin roles. */
package org.ems.web.rest.security;
