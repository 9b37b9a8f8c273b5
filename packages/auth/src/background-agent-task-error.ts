const marker = Symbol.for('@codex-analytics/auth.error');

/**
 * Why the background agent task could not produce an assertion. Its message names the step and the HTTP status,
 * never a token, a biscuit or a key. Caught by the auth manager, which then falls back to bearer authorization.
 */
export class BackgroundAgentTaskError extends Error {
  override readonly name = 'BackgroundAgentTaskError';
  readonly code = 'background_agent_task_failed';
  readonly [marker] = true;
  /** HTTP status of the failing call, when there was a response. */
  readonly statusCode: number | undefined;

  constructor(message: string, options: { statusCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.statusCode = options.statusCode;
  }

  static isInstance(error: unknown): error is BackgroundAgentTaskError {
    return typeof error === 'object' && error !== null && marker in error && (error as { name?: unknown }).name === 'BackgroundAgentTaskError';
  }
}
