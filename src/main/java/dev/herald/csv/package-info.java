/**
 * The one CSV module for every file herald writes and reads back: the send journal, the opt-out
 * list, and the interview and reply logs.
 *
 * <ul>
 *   <li>{@link dev.herald.csv.Cells}: RFC 4180 quoting and the spreadsheet formula guard, and its
 *       reverse on read.
 *   <li>{@link dev.herald.csv.RecordReader}: records read one at a time in constant memory, saying
 *       how each ended, so that a line cut short by a crash can be told from a damaged file.
 *   <li>{@link dev.herald.csv.LogFile}: the logs' reading and writing, with the header checked.
 *   <li>{@link dev.herald.csv.DurableAppend}: appends that are on disk before the call returns.
 *   <li>{@link dev.herald.csv.AtomicReplace}: a file replaced in one step, its mode kept.
 *   <li>{@link dev.herald.csv.LockFile} and {@link dev.herald.csv.FileIdentity}: the lock that
 *       keeps two runs apart, and the checks that the files a run holds are still the ones it
 *       opened.
 * </ul>
 *
 * <p>It sits at the bottom of the layout: it uses the root types and {@code util/} only, and knows
 * nothing of the files that use it.
 */
package dev.herald.csv;
