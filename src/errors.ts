/**
 * Errors a user can act on. Each carries its exit code (sysexits: 2 bad usage, 65 bad data) and a
 * hint; the CLI prints them as one line on stderr. Anything else that escapes is a bug (exit 1).
 */
export class UserError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;
  constructor(message: string, exitCode: number, hint?: string) {
    super(message);
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

export class UsageError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

export class DataError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, 65, hint);
  }
}
