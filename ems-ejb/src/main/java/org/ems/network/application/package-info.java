/** Network sign-on and sessions run by the server: one JTA transaction per protocol step, messages through a transport port. */
package org.ems.network.application;
