/** A small managed Open Liberty container for Arquillian: the published Liberty adapter is not served here. */
package org.ems.test.liberty;
