/** An error with an HTTP status and a catalog key for the message the user sees. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = 'AppError';
  }
}

export const notFound = (): AppError => new AppError(404, 'errors.notFound.body');
export const forbidden = (): AppError => new AppError(403, 'errors.forbidden.body');
