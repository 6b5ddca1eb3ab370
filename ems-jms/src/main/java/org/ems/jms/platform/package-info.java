/** JMS plumbing shared by every consumer: reading message bodies and dead-lettering poison messages. */
package org.ems.jms.platform;
