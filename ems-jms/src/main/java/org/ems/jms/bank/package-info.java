/**
 * The bank gateway over JMS request/reply: {@link org.ems.jms.bank.BankHostConsumer} answers
 * requests on EMS.BANK.REQUEST for the built-in bank host, {@link org.ems.jms.bank.JmsBankGateway}
 * sends them, and {@link org.ems.jms.bank.BankReplyConsumer} records the replies from EMS.BANK.REPLY.
 */
package org.ems.jms.bank;
