/** Establish session (patent figure 7) as two pure state machines, and the established session that carries protocol messages. */
package org.ems.network.domain.session;
