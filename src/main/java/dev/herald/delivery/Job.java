package dev.herald.delivery;

import dev.herald.contacts.Contact;

/**
 * One due contact on its way to a connection: a render thread makes its message, then a connection
 * sends it. {@code wasInFlight}: a previous run was cut off while sending to it.
 */
public record Job(Contact contact, boolean wasInFlight) {}
