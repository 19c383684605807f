import { expect, type Page } from '@playwright/test';

/**
 * Selects shorter or taller than the inputs beside them: for every visible select, the text-like
 * inputs that share its row (one of its three nearest ancestors holds them, and their vertical
 * centres lie within the select's box) must have its height within 1 px.
 * Test files compile without DOM types: the page evaluates the expression as text.
 */
const UNEVEN_SELECTS = `(() => {
  const found = [];
  const textLike = 'input:not([type]), input[type="text"], input[type="search"], input[type="number"], input[type="url"], input[type="password"], input[type="email"]';
  const nameOf = (element) => element.id || element.getAttribute('aria-label') || element.name || element.tagName.toLowerCase();
  for (const select of document.querySelectorAll('select')) {
    if (select.getClientRects().length === 0) continue;
    const box = select.getBoundingClientRect();
    const seen = new Set();
    let ancestor = select.parentElement;
    for (let level = 0; level < 3 && ancestor; level += 1, ancestor = ancestor.parentElement) {
      for (const input of ancestor.querySelectorAll(textLike)) {
        if (seen.has(input) || input.getClientRects().length === 0) continue;
        seen.add(input);
        const other = input.getBoundingClientRect();
        const centre = other.top + other.height / 2;
        if (centre < box.top || centre > box.bottom) continue;
        if (Math.abs(other.height - box.height) > 1) found.push(nameOf(select) + ' is ' + box.height + ' px, ' + nameOf(input) + ' beside it ' + other.height + ' px');
      }
    }
  }
  return found;
})()`;

/**
 * The app's buttons (class "button", from the Button component) stretched to fill their container (the full-width outline button no other screen has):
 * a button wider than its one-line label needs that also fills its parent's content box. The only
 * button of a dialog may fill it.
 */
const STRETCHED_BUTTONS = `(() => {
  const found = [];
  for (const button of document.querySelectorAll('button.button')) {
    if (button.getClientRects().length === 0) continue;
    const dialog = button.closest('[role="dialog"], dialog');
    if (dialog && dialog.querySelectorAll('button.button').length === 1) continue;
    const style = getComputedStyle(button);
    const edges = ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'].reduce((sum, key) => sum + parseFloat(style[key]), 0);
    const range = document.createRange();
    range.selectNodeContents(button);
    // A label that wraps fills the room because it needs it, not because the button is stretched.
    if (new Set([...range.getClientRects()].map((line) => Math.round(line.top))).size > 1) continue;
    const needed = range.getBoundingClientRect().width + edges;
    const width = button.getBoundingClientRect().width;
    const parent = button.parentElement;
    const parentStyle = getComputedStyle(parent);
    const room = parent.clientWidth - parseFloat(parentStyle.paddingLeft) - parseFloat(parentStyle.paddingRight);
    if (width > needed + 2 && width >= room - 1) found.push('"' + button.textContent.trim().slice(0, 40) + '" is ' + Math.round(width) + ' px wide for a ' + Math.round(needed) + ' px label');
  }
  return found;
})()`;

/**
 * Selects too narrow for the option they show ("包含密码的拉取 Secret（kubernetes.io/dockercon…"):
 * the chosen option's text, measured in the select's font, must fit its content box beside the arrow.
 */
const CLIPPED_SELECTS = `(() => {
  const found = [];
  const canvas = document.createElement('canvas').getContext('2d');
  for (const select of document.querySelectorAll('select')) {
    if (select.getClientRects().length === 0 || select.multiple || select.selectedIndex < 0) continue;
    const style = getComputedStyle(select);
    canvas.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
    const label = select.options[select.selectedIndex].text;
    const needed = canvas.measureText(label).width;
    const edges = ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'].reduce((sum, key) => sum + parseFloat(style[key]), 0);
    // The drop-down arrow takes about 20 px of the box.
    const room = select.getBoundingClientRect().width - edges - 20;
    if (needed > room + 1) found.push('"' + label.slice(0, 40) + '" needs ' + Math.round(needed) + ' px, its select has ' + Math.round(room));
  }
  return found;
})()`;

/** Every visible select shows its chosen option whole. */
export async function expectSelectsShowTheirChoice(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(CLIPPED_SELECTS), `${where}: selects cutting off the option they show`).toEqual([]);
}

/** Every visible select is as tall as the inputs in its row. */
export async function expectSelectsMatchInputs(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(UNEVEN_SELECTS), `${where}: selects not as tall as the inputs beside them`).toEqual([]);
}

/** No visible button is stretched across its container. */
export async function expectNoStretchedButtons(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(STRETCHED_BUTTONS), `${where}: buttons stretched to their container's width`).toEqual([]);
}
