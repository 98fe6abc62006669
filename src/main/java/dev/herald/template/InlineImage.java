package dev.herald.template;

/**
 * An image sent inside the message (RFC 2387 multipart/related) and shown by the HTML part through
 * a {@code cid:} address (RFC 2392): the file, its MIME type, and its Content-ID without the angle
 * brackets.
 */
public record InlineImage(Attachments.Attachment file, String type, String contentId) {}
