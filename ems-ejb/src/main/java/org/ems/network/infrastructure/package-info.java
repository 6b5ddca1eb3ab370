/** JPA store of the network context, and the in-VM transport. */
package org.ems.network.infrastructure;
