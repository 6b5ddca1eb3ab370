/**
 * The network's shared domain: addresses, wire messages, party transitions and outcomes, the
 * secure channel inside sessions, and what parties trust; pure Java, no container types.
 */
package org.ems.network.domain;
