/** REST for money-module host applications: balances, withdrawals and deposits at tellers, payment requests; the conservation check for operators. */
package org.ems.web.rest.money;
