import { AppError } from '../errors';

export type EgressFailure =
  | 'forbidden_address'
  | 'bad_url'
  | 'too_large'
  | 'timeout'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'redirect_refused'
  | 'unsupported_scheme'
  | 'http_error'
  | 'network'
  | 'unsupported_type';

/** The URL itself is the problem (the caller can fix it); the rest are the remote side's. */
const CALLER_FAULTS = new Set<EgressFailure>(['forbidden_address', 'bad_url', 'unsupported_scheme']);

/**
 * A fetch the guard refused or that failed. It is an AppError so that a route fetching a
 * user's URL synchronously answers with this message: 400 when the URL is unacceptable,
 * 422 when the remote side failed (a 5xx would blame this server).
 */
export class EgressError extends AppError {
  readonly status: number;
  readonly reason: EgressFailure;
  readonly url: string;
  /** The remote status for `http_error`. */
  readonly httpStatus: number | undefined;

  constructor(reason: EgressFailure, url: string, message: string, httpStatus?: number) {
    super(`egress_${reason}`, message, { reason, url, ...(httpStatus === undefined ? {} : { httpStatus }) });
    this.reason = reason;
    this.url = url;
    this.httpStatus = httpStatus;
    this.status = CALLER_FAULTS.has(reason) ? 400 : 422;
  }
}

export function isEgressError(error: unknown): error is EgressError {
  return error instanceof EgressError;
}
