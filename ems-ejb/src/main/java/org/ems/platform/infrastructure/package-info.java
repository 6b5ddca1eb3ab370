/** Cross-cutting infrastructure shared by every context: the clock, randomness and the key vault. */
package org.ems.platform.infrastructure;
