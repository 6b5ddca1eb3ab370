/** In-container (Arquillian) and end-to-end tests of the EMS application on Liberty. */
package org.ems.it;
