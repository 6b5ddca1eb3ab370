package org.ems.web.rest;

/**
 * The body of every refusal: a stable machine-readable code and a sentence for people.
 * The code is what clients branch on; the message may change.
 */
public record Problem(int status, String code, String message) {
}
