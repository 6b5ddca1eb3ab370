/** The web tier: REST resources for host applications and operators, health checks, and (later) the CSR portal. */
package org.ems.web;
