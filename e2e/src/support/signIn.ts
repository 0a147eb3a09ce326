import type { Page } from 'playwright-core';

export interface Credentials {
  email: string;
  password: string;
}

/** Fills and sends the platform's sign-in form where the page shows it (anywhere a signed-out visitor lands). */
export async function fillSignIn(page: Page, account: Credentials): Promise<void> {
  await page.getByTestId('sign-in-email').fill(account.email);
  await page.getByTestId('sign-in-password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
}

/**
 * Signs in on `landing` (the platform's front page unless said: challenge pages are open to
 * anonymous visitors and show no form), waits until the form is gone, then opens `path` if given.
 */
export async function signInAt(page: Page, base: string, account: Credentials, options: { landing?: string; path?: string } = {}): Promise<void> {
  await page.goto(`${base}${options.landing ?? '/platform'}`);
  await fillSignIn(page, account);
  await page.getByTestId('sign-in-email').waitFor({ state: 'detached' });
  if (options.path !== undefined) await page.goto(`${base}${options.path}`);
}
