package dev.herald.delivery;

import dev.herald.contacts.Contact;

/**
 * One contact on its way to a connection. The connection renders it: rendering then runs on as many
 * threads as there are connections, each while the others wait on the network.
 */
public record Job(Contact contact, boolean wasInFlight) {}
