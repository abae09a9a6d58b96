import type { Position } from 'unist';

/** Where something was written: a file and, when known, a range in it. */
export interface Source {
  /** Path of the file, relative to the working directory when possible. */
  file: string;
  /** Range in that file (1-based lines and columns). */
  position?: Position;
}
