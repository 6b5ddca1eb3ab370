/** The Realtime Settlement host application of the CSA, MSA and MSC agents (figure 29): directory, messages, work queues, decisions. */
package org.ems.settlement.agents.application;
