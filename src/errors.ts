/**
 * Errors a user can act on. Each carries its exit code (sysexits: 2 bad usage, 65 bad data) and a
 * hint; the CLI prints them as one line on stderr. Anything else that escapes is a bug (exit 1).
 */
export class UserError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;
  constructor(message: string, exitCode: number, hint?: string) {
    // One line, always: a value quoted from a file may hold newlines or terminal control codes.
    super(oneLine(message));
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

function oneLine(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
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
