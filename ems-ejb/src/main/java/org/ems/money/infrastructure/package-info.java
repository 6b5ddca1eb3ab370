/** JPA store of the hosted money modules' books. */
package org.ems.money.infrastructure;
