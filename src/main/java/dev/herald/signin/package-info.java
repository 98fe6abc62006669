/**
 * Signing in with an OAuth2 access token (SASL XOAUTH2) instead of a password: where the token
 * comes from (the environment, a token command, or the client-credentials grant) and fetching it
 * again when the server says it has expired. A token is handled like a password: never printed,
 * never logged, never part of an exception's message.
 */
package dev.herald.signin;
