// DOM helpers: find an element of the page, build an element, fetch with the read token.

/** The page's element with this id (the markup is the server's, so a missing one is a bug worth an error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the live page has no #${id}`);
  return element as T;
}

type AttributeValue = string | number | boolean | null | undefined;

/**
 * An element with attributes and children. `class` sets the class name, `text` the text content (event content only
 * ever goes in through `text` or an attribute); `null`, `undefined` and `false` attributes are left out.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Record<string, AttributeValue>,
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = String(value);
    else if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/**
 * `fetch` for a collector that asks for its read token: the token the tab keeps goes with every request, and a 401
 * (a ticket gone, the collector restarted) goes back to the token form, which sends the kept token again.
 */
export async function readFetch(url: string, init?: RequestInit): Promise<Response> {
  const token = sessionStorage.getItem('codex-analytics-read-token');
  const headers = { ...(init?.headers as Record<string, string> | undefined), ...(token ? { 'x-codex-analytics-read-token': token } : {}) };
  const response = await fetch(url, { ...init, headers });
  if (response.status === 401) location.reload();
  return response;
}

/** The element an event happened on, or an ancestor matching `selector`. */
export function closestTo<T extends Element = HTMLElement>(target: EventTarget | null, selector: string): T | null {
  return target instanceof Element ? target.closest<T>(selector) : null;
}
