// The API's refusals (DESIGN §10 problem+json) as the console and the portal both see them.

export interface FieldProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** A refusal of the API, or `network` when no answer came; `title` and `detail` are the API's words in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: readonly FieldProblem[],
  ) {
    super(`${String(status)} ${code}`);
  }
}

export function isProblem(v: unknown): v is { code: string; title: string; detail?: string; errors?: FieldProblem[] } {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && typeof (v as { title?: unknown }).title === 'string';
}
