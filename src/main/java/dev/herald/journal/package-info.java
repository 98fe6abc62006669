/**
 * The send journal, {@code logs/sends.csv}: an append-only record of every recipient's outcome,
 * written durably before a connection moves on to the next message, and read back to decide whom a
 * re-run still has to send to, for reports, and for matching replies.
 *
 * <p>The file is UTF-8 CSV with RFC 4180 quoting and the header row {@code
 * time,campaign,recipient,outcome,reply,message_id,template,template_hash}. {@code time} is UTC
 * ISO-8601 with milliseconds ({@code 2026-11-27T09:51:23.123Z}); {@code outcome} is one of {@link
 * Outcome}; {@code template} and {@code template_hash} say which release a line was sent from (see
 * {@link TemplateRecord}). A journal from before those two columns (six in its header and lines)
 * still reads; {@link Journal#open} gives it the new header before it appends.
 *
 * <ul>
 *   <li>Records end in a single LF, not the CRLF of RFC 4180: a one-byte line end cannot be cut in
 *       half by a crash, so "does the file end in a line break?" is an exact test for a torn last
 *       write. Spreadsheets and CSV libraries read LF files; the reader accepts CRLF as well, so a
 *       journal saved by another program still reads.
 *   <li>A cell that a spreadsheet would run as a formula (starting with {@code =}, {@code +},
 *       {@code -}, {@code @}, TAB or CR) is written with a leading {@code '}, and so is a value
 *       that itself starts with {@code '}; the reader removes exactly one leading {@code '}, so
 *       every value reads back exactly as written.
 *   <li>A crash can leave the last line cut short. Readers skip such a last line. Before appending,
 *       {@link dev.herald.journal.Journal#open} ends it and writes a marker line beneath it ({@code
 *       # the line above was cut short when a run stopped mid-write; herald ignores it}), because
 *       once more lines follow, a line cut inside its last value would otherwise look complete.
 *       Nothing on a torn line was ever acknowledged to a sender. A complete last line without its
 *       line break (a file saved by an editor) is not torn: it counts, and the line break is added
 *       before the next line.
 *   <li>A run holds a lock on {@code sends.csv.lock} beside the journal's real file (symbolic links
 *       resolved) from before it reads the journal's state until its last outcome is written, so
 *       two runs never decide from, append to or repair the same journal at once.
 * </ul>
 */
package dev.herald.journal;
