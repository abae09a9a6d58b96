/** A failure that is not a content problem (no browser, a template missing, a disk error), with a hint for the user. */
export class CommuniqueError extends Error {
  /** Stable name of the failure, e.g. "BrowserNotFound". */
  override readonly name: string;
  /** What the user can do about it. */
  readonly hint: string;
  /** Exit code of the CLI for this failure. */
  readonly exitCode: number;

  constructor(name: string, message: string, hint: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = name;
    this.hint = hint;
    this.exitCode = options.exitCode ?? 4;
  }
}
