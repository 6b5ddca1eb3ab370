/** The customer service module's host over JPA: account profiles, the hosted CSM, lost-note claims and the MIIS's claim records. */
package org.ems.csm.application;
