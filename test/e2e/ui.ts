import type { Page } from 'playwright-core';

/** A page's entry in the side navigation, by its exact name. */
export const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

/** Deploy → open the project folder by path, and wait for its skylift.yaml to show. */
export async function openProject(page: Page, dir: string): Promise<void> {
  await nav(page, 'Deploy').click();
  await page.getByTestId('project-dir').fill(dir);
  await page.getByTestId('project-open').click();
  await page.getByTestId('project-yaml').waitFor();
}
