/** Application services of the e-money provider scheme (JP H9-147043): provider host, provider and merchant terminals, relay centre, over JPA and the bank gateway port. */
package org.ems.provider.application;
