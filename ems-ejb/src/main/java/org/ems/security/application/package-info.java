/** Application services of the security hierarchy: one EJB per server role, thin over the domain. */
package org.ems.security.application;
