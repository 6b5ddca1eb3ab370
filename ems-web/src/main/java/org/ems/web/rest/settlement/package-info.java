/** REST for settlement operators: open a cycle, submit and rescind trades, close it at the cut-off, view its positions and progress. */
package org.ems.web.rest.settlement;
