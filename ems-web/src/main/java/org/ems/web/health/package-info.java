/** MicroProfile Health checks: the server is ready when its database and messaging engine answer. */
package org.ems.web.health;
