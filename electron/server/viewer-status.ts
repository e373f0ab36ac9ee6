/**
 * @file Serve mode lets one client write; the core reports `canWrite: true` to everyone, so
 * what goes to a read-only client is corrected here: the `session:status` reply and the status
 * inside `session:changed` / `curation:changed` pushes say `canWrite: false`.
 */
import type { Reply } from '../../shared/contract/codec.js';

type WithStatus = { canWrite?: unknown };

const withCanWrite = <S extends WithStatus>(status: S, canWrite: boolean): S =>
  status.canWrite === canWrite ? status : { ...status, canWrite };

/** The payload of a push as this client must see it. */
export function pushForClient(channel: string, payload: unknown, canWrite: boolean): unknown {
  if (typeof payload !== 'object' || payload === null) return payload;
  if (channel === 'session:changed') return withCanWrite(payload as WithStatus, canWrite);
  if (channel === 'curation:changed') {
    const p = payload as { status?: WithStatus };
    return p.status ? { ...p, status: withCanWrite(p.status, canWrite) } : payload;
  }
  return payload;
}

/** The reply to a call as this client must see it. */
export function replyForClient(channel: string, reply: Reply, canWrite: boolean): Reply {
  if (channel !== 'session:status' || !reply.ok) return reply;
  const value = reply.value;
  if (typeof value !== 'object' || value === null) return reply;
  return { ok: true, value: withCanWrite(value as WithStatus, canWrite) };
}
