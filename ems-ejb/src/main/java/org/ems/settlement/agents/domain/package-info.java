/** Settlement agents of figures 24-29 (CSA, MSA, MSC): their identities and the EMS-AGENT/1 messages that pass between them. */
package org.ems.settlement.agents.domain;
