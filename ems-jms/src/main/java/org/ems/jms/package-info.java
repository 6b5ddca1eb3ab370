/** JMS adapters: message contracts, MDBs that unwrap and call one application service, and the messaging ports' implementations. */
package org.ems.jms;
