/** One field's complaint from a problem+json answer's `errors[]`. */
export interface FieldError {
  path: string
  message: string
}

/**
 * A failed call, carrying what the API said: `detail` for the person, `errors[]` for the
 * fields, `code` (the problem `type`'s last segment, such as `totp_required`) for the code.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[],
    readonly code: string,
  ) {
    super(detail || title)
  }

  /**
   * What the API said about one field (`path` as the API names it, e.g. `shippingAddress.postalCode`)
   * or anything inside it (`variants.0.price` covers `variants.0.price.amount`); several
   * messages (a password failing more than one rule) are joined.
   */
  fieldError(path: string): string | undefined {
    const messages = this.errors.filter((e) => isAt(e.path, path)).map((e) => e.message)
    return messages.length > 0 ? messages.join(' ') : undefined
  }
}

/** True when an error's path is the field's path or inside it. */
export function isAt(errorPath: string, fieldPath: string): boolean {
  return errorPath === fieldPath || errorPath.startsWith(`${fieldPath}.`)
}

interface ProblemBody {
  type?: string
  title?: string
  status?: number
  detail?: string
  errors?: FieldError[]
  code?: string
}

/** Builds the ApiError for a non-2xx answer, whatever its body turned out to be. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: ProblemBody = {}
  try {
    body = (await res.json()) as ProblemBody
  } catch {
    // A proxy's HTML error page or an empty body: the status says enough.
  }
  const code = body.code ?? body.type?.split('/').pop() ?? ''
  const title = body.title ?? res.statusText ?? 'Request failed'
  return new ApiError(res.status, title, body.detail ?? fallbackDetail(res.status), Array.isArray(body.errors) ? body.errors : [], code)
}

function fallbackDetail(status: number): string {
  if (status === 0) return 'The shop cannot be reached. Check your connection and try again.'
  if (status === 429) return 'Too many attempts. Wait a moment and try again.'
  if (status >= 500) return 'Something went wrong on our side. Please try again.'
  return 'The request was not accepted.'
}

/** What to show for any thrown value. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.detail || err.title
  if (err instanceof Error) return err.message
  return 'Something went wrong.'
}
