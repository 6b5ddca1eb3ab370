/** The e-money provider scheme of JP H9-147043: the bank-POS relay centre, provider and merchant terminals, callback authentication, IC cards, charge, sale and merchant settlement. */
package org.ems.provider.domain;
