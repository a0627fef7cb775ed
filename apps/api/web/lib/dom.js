/* global document */
/*
 * Building the DOM from data: every string becomes a text node (never markup), so a
 * track called `<script>alert(1)</script>` is shown as those characters and never runs.
 * There is deliberately no innerHTML anywhere in the dashboard.
 */

/** h('td', { class: 'num' }, 'text', node, [more]) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on'))
      throw new Error(`no inline handlers (${name}); use addEventListener`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

export function main() {
  return document.getElementById('main');
}

/** A titled section of the page. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** A message box: kind is info, warn or error. */
export function notice(text, kind = 'info', extra = {}) {
  return h(
    'p',
    { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status', ...extra },
    text,
  );
}

/** A table from column definitions: { label, value(row), num? }. */
export function table(columns, rows, props = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      props,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', c.num ? { class: 'num' } : {}, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            columns.map((c) => h('td', c.num ? { class: 'num' } : {}, c.value(row) ?? '—')),
          ),
        ),
      ),
    ),
  );
}

/** A canvas in a sized box, for a chart. */
export function chartBox(label, height = 260) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const box = h('div', { class: 'chart', 'data-chart': label }, canvas);
  box.style.height = `${height}px`;
  return { box, canvas };
}
