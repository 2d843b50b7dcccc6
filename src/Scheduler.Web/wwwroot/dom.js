// Finding the page's elements (by id) and writing to them: messages, table cells, numbers.

export const $ = (id) => document.getElementById(id);

export function say(target, text, kind) {
  target.textContent = text || '';
  target.classList.toggle('error', kind === 'error');
  target.classList.toggle('ok', kind === 'ok');
}

export function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  row.append(td);
  return td;
}

export const number = (value, digits = 2) => (value === null || value === undefined ? '' : Number(value).toFixed(digits));

export const percent = (value) => (value === null || value === undefined ? '' : `${(Number(value) * 100).toFixed(2)}%`);

/** A button that does <paramref name="action"/>; <paramref name="label"/> names it for those who cannot see its row. */
export function button(text, action, label, className = 'link') {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  if (label) element.setAttribute('aria-label', label);
  element.addEventListener('click', action);
  return element;
}
