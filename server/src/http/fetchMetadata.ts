/**
 * Whether the browser says another site made this request (Fetch Metadata, `Sec-Fetch-Site`).
 * A browser too old to send it is believed: the header is what stops another site's page from
 * making its visitors' browsers act here (a form post, a WebSocket opened from there).
 */
export function fromAnotherSite(secFetchSite: string | string[] | undefined): boolean {
  const site = Array.isArray(secFetchSite) ? secFetchSite[0] : secFetchSite;
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
