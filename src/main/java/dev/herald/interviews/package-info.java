/**
 * Interview requests: the replies to a release, sorted into interview requests, unsubscribe
 * requests, bounces, auto-replies and the rest, and the log of the interviews they lead to.
 *
 * <p>{@link dev.herald.replies.ReplySorter} turns one reply into a {@link
 * dev.herald.replies.SortedReply}. It reads no mailbox and writes no file: {@link
 * dev.herald.replies.ReplyFetch} hands it the messages that {@link dev.herald.replies.ReplyMailbox}
 * reads over IMAP, and acts on what it returns: {@link dev.herald.interviews.InterviewLog} ({@code
 * logs/interviews.csv}) and {@link dev.herald.replies.ReplyLog} ({@code logs/replies.csv}) record
 * the outcome.
 */
package dev.herald.interviews;
