/** The customer service module (figure 4A): account profiles that link money modules to bank accounts (figures 18-20), lost-note claims (figures 21-22) and the claims it files with the Money Issued Investigation System. */
package org.ems.csm.domain;
