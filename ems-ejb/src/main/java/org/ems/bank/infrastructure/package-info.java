/** JPA store of the built-in bank's accounts, journal and assigned terminals. */
package org.ems.bank.infrastructure;
