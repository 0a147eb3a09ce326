/** English UI strings. `zh.ts` must have exactly the same keys (the type enforces it). */
export const en = {
  'app.name': 'IdeaSphere',
  'lang.zh': '中文',
  'lang.en': 'English',
  'error.bad_request': 'Please check what you entered.',
  'error.unauthorized': 'Your link or key is not valid for this session.',
  'error.forbidden': 'You are not allowed to do that.',
  'error.not_found': 'This session does not exist. Check the code.',
  'error.conflict': 'That conflicts with something that already exists.',
  'error.rate_limited': 'Too many attempts. Please wait a moment and try again.',
  'error.payload_too_large': 'That is too large.',
  'error.unsupported_media_type': 'That file type is not supported.',
  'error.protocol_mismatch': 'This page is out of date. Please reload.',
  'error.unavailable': 'The server is busy. Please try again.',
  'error.internal': 'Something went wrong on the server. Please try again.',
  'error.network': 'No connection to the server.',
} as const;

export type MessageKey = keyof typeof en;
