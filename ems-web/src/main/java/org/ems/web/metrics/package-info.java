/** Application metrics for operators (MicroProfile Metrics, {@code /metrics} for administrators). */
package org.ems.web.metrics;
