/** REST resources, their DTOs and the mapping of domain refusals to HTTP answers. */
package org.ems.web.rest;
