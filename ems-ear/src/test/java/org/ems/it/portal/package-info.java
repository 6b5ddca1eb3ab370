/** Browser (Selenium, headless Chromium) and HTTP tests of the CSR portal against the running server. */
package org.ems.it.portal;
