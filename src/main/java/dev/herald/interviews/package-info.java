/**
 * Interview requests: the replies to a release, sorted into interview requests, unsubscribe
 * requests, bounces, auto-replies and the rest.
 *
 * <p>{@link dev.herald.interviews.ReplySorter} turns one reply into a {@link
 * dev.herald.interviews.SortedReply}. It reads no mailbox and writes no file: {@code herald
 * interviews fetch} hands it the messages and acts on what it returns.
 */
package dev.herald.interviews;
