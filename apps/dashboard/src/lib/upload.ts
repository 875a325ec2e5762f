import { ApiError, type ApiErrorBody } from './api';

/**
 * POSTs a multipart form with XMLHttpRequest, because fetch cannot report upload progress.
 * Resolves with the JSON answer; rejects with an ApiError carrying the server's envelope
 * (payload_too_large, unsupported_file_type…) like `api()` does.
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  options: { workspaceId: string; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Workspace-Id', options.workspaceId);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(parsed as T);
        return;
      }
      const envelope = (parsed as ApiErrorBody | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          envelope?.code ?? 'http_error',
          envelope?.message ?? `The server answered ${xhr.status}.`,
          envelope?.requestId,
          envelope?.details,
        ),
      );
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, 'network_error', 'The upload was interrupted. Check your connection and try again.', undefined),
      );
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Upload cancelled.', undefined));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
