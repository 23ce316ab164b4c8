import type { SessionSummary } from '@syncmgr/protocol';

// How times, durations and results read on the page.

export type SessionResult = 'succeeded' | 'failed' | 'interrupted' | 'running' | 'queued';

export const SESSION_RESULTS: readonly SessionResult[] = ['succeeded', 'failed', 'interrupted', 'running', 'queued'];

export function sessionResult(session: SessionSummary): SessionResult {
  switch (session.state) {
    case 'queued':
    case 'running':
    case 'interrupted':
      return session.state;
    case 'finished':
      return session.succeeded ? 'succeeded' : 'failed';
  }
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function formatDuration(from: string | undefined, to: string | undefined): string {
  if (!from || !to) return '—';
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A percentage for people, or undefined while the handler gave no maximum. */
export function percent(value: number | undefined, max: number | undefined): number | undefined {
  if (value === undefined || !max || max <= 0) return undefined;
  return Math.min(100, Math.max(0, Math.round((value / max) * 100)));
}
