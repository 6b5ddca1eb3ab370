/** Network sign-on (patent figure 6) as three pure state machines: the module, the network server and the security server. */
package org.ems.network.domain.signon;
