import { PLATFORM_TIMEOUT_MS } from '../settings';
import { PlatformError } from './http';

/** A file larger than the attachment limit: permanent, the same file will not shrink. */
export class MediaTooLargeError extends PlatformError {
  constructor(maxBytes: number) {
    super(`The file is larger than ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`, false);
  }
}

/**
 * The bytes at a platform's file address, read no further than `maxBytes` (the declared
 * length is checked first, the bytes counted as they come, so a lying server is cut off).
 */
export async function downloadCapped(
  url: string,
  headers: Record<string, string>,
  maxBytes: number,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS) });
  } catch (error) {
    throw new PlatformError(`The file could not be fetched (${(error as Error).name})`, true);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const retryable = response.status === 429 || response.status >= 500;
    throw new PlatformError(
      `The file could not be fetched (HTTP ${response.status})`,
      retryable,
      null,
      response.status,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new MediaTooLargeError(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > maxBytes) throw new MediaTooLargeError(maxBytes);
    chunks.push(chunk as Uint8Array);
  }
  return Buffer.concat(chunks);
}
