/** The security network over JMS: distribution of signed bad-ID lists to security servers. */
package org.ems.jms.security;
