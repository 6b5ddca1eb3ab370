/** The netting system of figure 23: confirmed trades of a settlement cycle, and their gross, bilateral and multilateral net positions. */
package org.ems.settlement.domain;
