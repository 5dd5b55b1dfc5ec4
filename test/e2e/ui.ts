// Small helpers for driving Ant Design controls the way a user does: by their labels and visible texts.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SHOTS_DIR } from './harness.js';

/** Lets Ant Design's open and zoom animations finish, so a screenshot shows the settled screen. */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(600);
}

/** Opens the Select labelled `label` inside `scope` and clicks the option whose text contains `option`. */
export async function choose(page: Page, scope: Locator, label: string, option: string, search = false): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  const id = (await input.getAttribute('id')) ?? '';
  // Ant Design 6 writes the chosen label straight into the select's content box.
  const chosen = scope.locator('.ant-select-content-has-value', { has: page.locator(`[id="${id}"]`) }).filter({ hasText: option });
  // The dropdown of this very select (a closing one may still be in the page).
  const dropdown = page.locator(`.ant-select-dropdown:has([id="${id}_list"])`);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await dropdown.isVisible())) {
      await input.click();
      // A long list renders only what is in view: a searchable one is narrowed by typing.
      if (search) await page.keyboard.type(option);
    }
    await page.waitForTimeout(250);
    await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    // A click during the dropdown's opening animation can miss; the select then still shows nothing.
    if (await chosen.waitFor({ timeout: 1_500 }).then(() => true, () => false)) return;
  }
  throw new Error(`could not choose ${option} in ${label}`);
}

/** Types a date (YYYY-MM-DD) or date and time (YYYY-MM-DD HH:mm) into the DatePicker labelled `label`. */
export async function typeDate(scope: Locator, label: string, value: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Opens the offered action `code` on a case page, lets `fill` fill its dialog, submits and waits for it to close. */
export async function act(page: Page, code: string, fill: (dialog: Locator) => Promise<void> = () => Promise.resolve()): Promise<void> {
  await page.locator(`[data-action="${code}"]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('action-submit').waitFor();
  await fill(dialog);
  await dialog.getByTestId('action-submit').click();
  await dialog.waitFor({ state: 'hidden' }).catch(async (err: unknown) => {
    // The dialog stayed: keep what it says (the API's refusal, a field error) for whoever reads the failure.
    await page.screenshot({ path: path.join(SHOTS_DIR, `failed-${code}.png`) });
    const said = await dialog.locator('.ant-alert, .ant-form-item-has-error .ant-form-item-label').allTextContents();
    throw new Error(`${code}: the dialog stayed open saying ${JSON.stringify(said)}`, { cause: err });
  });
}

/** The bureau's wall-clock time of the server's fake clock plus `minutes`, as the pickers take it. */
export function bureauTime(now: Date, minutes = 0): string {
  const at = new Date(now.getTime() + minutes * 60_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/** Fills the textarea labelled `label` from its 常用语 menu (the first phrase), as a clerk does. */
export async function pickPhrase(page: Page, scope: Locator, label: string): Promise<void> {
  const area = scope.getByLabel(label, { exact: true });
  const button = scope.locator('.zt-phrase-area', { has: page.locator(`[id="${(await area.getAttribute('id')) ?? ''}"]`) }).getByTestId('phrases');
  for (let attempt = 0; attempt < 3 && (await area.inputValue()) === ''; attempt++) {
    await button.click();
    await page.waitForTimeout(250);
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item').first().click();
  }
  if ((await area.inputValue()) === '') throw new Error(`no phrase went into ${label}`);
}
