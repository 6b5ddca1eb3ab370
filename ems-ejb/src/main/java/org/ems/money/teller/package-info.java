/** Tellers and money generators: withdrawals and deposits against bank accounts, notes issued and retired, conservation. */
package org.ems.money.teller;
