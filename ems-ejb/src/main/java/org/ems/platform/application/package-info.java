/** Start-up of the EMS application: the demo network that the run command brings up. */
package org.ems.platform.application;
