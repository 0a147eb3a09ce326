/** Matches the user-info part of `scheme://user:password@host...` up to the first `@`. */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)([^@]*)@/i;

/**
 * The URI with its password replaced by `***`, safe to print in logs:
 * `mongodb://app:s3cret@db:27017/x` → `mongodb://app:***@db:27017/x`. When the user-info part
 * is ambiguous it masks too much rather than too little.
 */
export function maskUri(uri: string): string {
  return uri.replace(USER_INFO, (_match, scheme: string, userInfo: string) => {
    const colon = userInfo.indexOf(':');
    return colon === -1 ? `${scheme}${userInfo}@` : `${scheme}${userInfo.slice(0, colon)}:***@`;
  });
}

/**
 * `text` with every occurrence of the URI's password (raw or percent-decoded) replaced by
 * `***`, for driver error messages that might quote the connection string.
 */
export function redactUriSecret(text: string, uri: string): string {
  const userInfo = USER_INFO.exec(uri)?.[2];
  const colon = userInfo?.indexOf(':') ?? -1;
  if (userInfo === undefined || colon === -1) return text;
  const password = userInfo.slice(colon + 1);
  if (password === '') return text;
  let redacted = text.split(password).join('***');
  try {
    const decoded = decodeURIComponent(password);
    if (decoded !== '') redacted = redacted.split(decoded).join('***');
  } catch {
    // A malformed escape cannot appear decoded anywhere; the raw form was already removed.
  }
  return redacted;
}
