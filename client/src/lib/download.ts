import type { RequestError } from './api';
import { isErrorCode } from '@ideasphere/shared/errors.js';

export type ExportFormat = 'csv' | 'json';

/** `ideasphere-<code>-results.csv`: what the downloaded file is called. */
export function exportFileName(code: string, format: ExportFormat): string {
  return `ideasphere-${code}-results.${format}`;
}

/**
 * Downloads a session's results export with the facilitator's token (a plain link cannot send
 * the `Authorization` header) and saves it under a readable name.
 */
export async function downloadExport(code: string, token: string, format: ExportFormat): Promise<RequestError | null> {
  let response: Response;
  try {
    response = await fetch(`/api/sessions/${code}/export.${format}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch (cause) {
    return { code: 'network', message: String(cause), status: 0 };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
    const code = body?.error?.code;
    return {
      code: isErrorCode(code) ? code : response.status >= 500 ? 'unavailable' : 'bad_request',
      message: typeof body?.error?.message === 'string' ? body.error.message : '',
      status: response.status,
    };
  }
  saveBlob(await response.blob(), exportFileName(code, format));
  return null;
}

/** Saves a blob through a temporary link, the one way that works in every browser. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
