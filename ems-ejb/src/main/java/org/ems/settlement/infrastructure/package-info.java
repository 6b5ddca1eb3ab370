/** JPA store of settlement cycles, their trades and their closing positions. */
package org.ems.settlement.infrastructure;
