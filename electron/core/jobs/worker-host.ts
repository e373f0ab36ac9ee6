/**
 * @file The worker side of `WorkerPool`: answers each `{ id, message }` with the handler's value
 * (and the buffers it lists to move back), or with the error's message.
 */
import { parentPort, type Transferable } from 'node:worker_threads';
import type { TaskReply } from './worker-pool.js';

/** A task handler: the value to post back and the buffers to transfer with it. */
export type TaskHandler = (
  message: unknown,
) =>
  | Promise<{ value: unknown; transfer?: Transferable[] }>
  | { value: unknown; transfer?: Transferable[] };

/** Serves tasks from the parent thread until the worker is terminated. */
export function serveTasks(handler: TaskHandler): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  port.on('message', (task: { id: number; message: unknown }) => {
    void (async () => {
      try {
        const { value, transfer } = await handler(task.message);
        const reply: TaskReply<unknown> = { id: task.id, ok: true, value };
        port.postMessage(reply, transfer ?? []);
      } catch (err) {
        const reply: TaskReply<unknown> = {
          id: task.id,
          ok: false,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        };
        port.postMessage(reply);
      }
    })();
  });
}
