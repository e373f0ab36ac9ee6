/**
 * @file Identifier vocabulary shared by every layer.
 *
 * Plain number aliases (not brands) so typed arrays can hold them without casts; the names say
 * which index space a number lives in.
 */

/** A cluster id as written in spike_clusters.npy. Never reused once deleted (Phy semantics). */
export type ClusterId = number;
/** Index of a spike in the per-spike arrays (0-based row of spike_times.npy). */
export type SpikeIndex = number;
/** Index of a channel in the sorter's channel list (row of channel_positions.npy), not the raw column. */
export type ChannelIndex = number;
/** Index of a template (row of templates.npy; in Kilosort4 this is the sorter's cluster). */
export type TemplateIndex = number;
