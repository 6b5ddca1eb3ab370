/**
 * Out-of-container JTA test harness: Hibernate ORM on an in-memory Derby XA database, pooled and
 * enlisted by Agroal in Narayana JTA transactions, plus a scriptable second XA participant.
 */
package org.ems.testing.jta;
