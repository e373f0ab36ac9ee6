/**
 * @file Worker-thread entry of the merge scores (merge-scores.ts): scores one pair per task, off
 * the thread that answers the UI, so a large pair (two trains of hundreds of thousands of
 * spikes, their sorted summaries) never holds up the next selection.
 */
import { serveTasks } from '../jobs/worker-host.js';
import { scoreMergeTask, type MergePairTask } from './merge-score-task.js';

serveTasks((message) => ({ value: scoreMergeTask(message as MergePairTask) }));
