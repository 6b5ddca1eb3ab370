/** REST resources of the e-money provider scheme (JP H9-147043): terminals, cards, charge, sale, settlement, position. */
package org.ems.web.rest.provider;
