/** Payments between hosted modules run by the server: one JTA transaction per step, inside the modules' session. */
package org.ems.money.application;
