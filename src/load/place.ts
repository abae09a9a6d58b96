import type { Point, Position } from 'unist';

/** Where something was written: a file and, when known, a range in it. */
export interface Source {
  /** Path of the file, relative to the working directory when possible. */
  file: string;
  /** Range in that file (1-based lines and columns). */
  position?: Position;
}

/** Builds a unist position from two points. */
export function positionOf(start: Point, end?: Point): Position {
  return { start, end: end ?? start };
}
