/**
 * @file User feedback: readable errors and short confirmations (toasts), and running tasks with
 * progress bars (jobs with progress events, or plain requests shown as indeterminate).
 */

export interface Notice {
  id: number;
  kind: 'error' | 'info' | 'success';
  text: string;
}

export interface RunningTask {
  id: number;
  label: string;
  /** 0..1, or null when the task reports no progress. */
  fraction: number | null;
  message: string;
  /** Stops the task (the status bar shows a cancel button); null when it cannot be stopped. */
  cancel: (() => void) | null;
}

/** A readable message for anything thrown (Error, a transport error object, a string). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err)
    return String((err as { message: unknown }).message);
  return String(err);
}

export class NoticeStore {
  notices = $state<Notice[]>([]);
  tasks = $state<RunningTask[]>([]);
  #next = 1;

  /** Shows a notice; errors stay until dismissed, others fade after `ms`. */
  push(kind: Notice['kind'], text: string, ms = 4000): number {
    const id = this.#next++;
    this.notices = [...this.notices.slice(-4), { id, kind, text }];
    if (kind !== 'error') setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  error(context: string, err: unknown): void {
    this.push('error', `${context}: ${describeError(err)}`);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** Runs `work` as a visible task; `report(done, total, message)` updates its bar. */
  async track<T>(
    label: string,
    work: (report: (done: number, total: number, message?: string) => void) => Promise<T>,
    cancel: (() => void) | null = null,
  ): Promise<T> {
    const id = this.#next++;
    this.tasks = [...this.tasks, { id, label, fraction: null, message: '', cancel }];
    const report = (done: number, total: number, message = '') => {
      this.tasks = this.tasks.map((t) =>
        t.id === id ? { ...t, fraction: total > 0 ? Math.min(1, done / total) : null, message } : t,
      );
    };
    try {
      return await work(report);
    } finally {
      this.tasks = this.tasks.filter((t) => t.id !== id);
    }
  }
}
