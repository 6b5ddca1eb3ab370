/** The CSR portal: its sign-in (one authentication mechanism for the portal's form and the API's Basic), headers, and Faces beans that see a facade and DTOs only. */
package org.ems.web.portal;
