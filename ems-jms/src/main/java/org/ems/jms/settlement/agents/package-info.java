/** The settlement agents' hops over JMS: one queue per role (MSC, MSA, CSA), an MDB each, a messenger that sends on commit. */
package org.ems.jms.settlement.agents;
