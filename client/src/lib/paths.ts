/** Where every API route of one session lives. */
export const sessionPaths = {
  info: (code: string) => `/api/sessions/${code}`,
  participants: (code: string) => `/api/sessions/${code}/participants`,
  myPhoto: (code: string) => `/api/sessions/${code}/participants/me/photo`,
  photo: (code: string, participantId: string, version: string) =>
    `/api/sessions/${code}/participants/${encodeURIComponent(participantId)}/photo?v=${encodeURIComponent(version)}`,
  qrSvg: (code: string) => `/api/sessions/${code}/qr.svg`,
  qrPng: (code: string) => `/api/sessions/${code}/qr.png`,
};
