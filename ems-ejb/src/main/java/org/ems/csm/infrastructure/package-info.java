/** Adapters of the customer service ports: the built-in bank host as the CSM's bank account directory. */
package org.ems.csm.infrastructure;
