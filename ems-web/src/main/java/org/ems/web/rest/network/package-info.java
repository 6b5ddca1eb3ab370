/** Hosted modules on the EMS network over REST: sign-on, sessions, notices, and where each protocol stands. */
package org.ems.web.rest.network;
