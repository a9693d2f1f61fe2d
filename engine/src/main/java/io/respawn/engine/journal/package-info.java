/**
 * The journal: every fact the engine receives, in the fact-log format, written before the
 * rules see it. {@link io.respawn.engine.journal.Journal} is the entry: writing with an
 * {@link io.respawn.engine.journal.FsyncPolicy} (group commit by default), segments and
 * their {@link io.respawn.engine.journal.Retention}, checkpoints, and recovery.
 * {@link io.respawn.engine.journal.JournalReader} reads a journal's segments as one log
 * (for replay). The rest is package-private: the syncer ({@code Durability}), segment
 * naming ({@code Segments}), the file seam ({@code SegmentFile}), what a checkpoint keeps and
 * records of the heartbeat fold ({@code Compactor}), the checkpoint file ({@code Checkpoints}) and the recovery read
 * ({@code Recovery}).
 */
package io.respawn.engine.journal;
