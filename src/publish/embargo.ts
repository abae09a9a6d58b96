import { fromZonedTime } from 'date-fns-tz/fromZonedTime';

/** The time zone embargoes are written in. */
export const EMBARGO_ZONE = 'Europe/Paris';

/** The instant an embargo written as Paris wall-clock time ("2025-03-20T10:00") ends. */
export function embargoEnd(local: string): Date {
  return fromZonedTime(local, EMBARGO_ZONE);
}

/** Whether a document with this embargo (if any) is still held back at `now`. */
export function isEmbargoed(embargo: string | undefined, now: Date): boolean {
  return embargo !== undefined && embargoEnd(embargo).getTime() > now.getTime();
}

/** Reads --now: an ISO date-time with an offset or Z ("2025-03-20T09:30:00Z"), or Paris time without one. */
export function parseNow(value: string): Date | undefined {
  const withZone = /(?:Z|[+-]\d{2}:\d{2})$/.test(value);
  if (!/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?/.test(value)) return undefined;
  const date = withZone ? new Date(value) : fromZonedTime(value, EMBARGO_ZONE);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
