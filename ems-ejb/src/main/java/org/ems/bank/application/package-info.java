/**
 * The built-in bank host as EJB application services: {@link org.ems.bank.application.BankHostService}
 * answers gateway requests with the ledger and administers accounts; {@link org.ems.bank.application.BankGateway}
 * is the requesting side's port (JMS in ems-jms) and {@link org.ems.bank.application.BankReplies}
 * keeps the replies that come back, by correlation id.
 */
package org.ems.bank.application;
