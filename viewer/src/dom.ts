// The one way this viewer makes DOM: elements by createElement, text by text nodes. Nothing that comes
// from a build (labels, article text, titles, sources) is ever parsed as HTML, so markup in the data
// shows up as the literal characters it is.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** Shown as a tooltip; set as a property, so it is text. */
  title?: string;
  /** Fixed attributes written in this code base (never data-derived names). */
  attrs?: Record<string, string>;
  onClick?: (event: Event) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.title !== undefined) el.title = props.title;
    if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) el.setAttribute(k, v);
    if (props.onClick) el.addEventListener("click", props.onClick);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}
