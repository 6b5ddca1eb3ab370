/** Settlement cycles over JPA: trade intake (idempotent by trade id), rescission, closing at the cut-off, stored net positions and settlement progress. */
package org.ems.settlement.application;
