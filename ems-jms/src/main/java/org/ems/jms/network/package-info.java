/** The EMS network over JMS: one queue per kind of recipient (network servers, security servers, modules). */
package org.ems.jms.network;
