/** REST for customer service: account profiles (link, revalidate) and lost-note claims, for CSRs and subscribers' hosts. */
package org.ems.web.rest.csm;
