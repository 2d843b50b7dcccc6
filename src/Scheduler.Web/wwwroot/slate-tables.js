// The slate editor's tables: one editable row per title, region, event and seasonal range, each cell
// writing its field of the scenario in place (fields no table shows are never touched), and the
// validation's errors placed beside the cell, or under the row, their JSON path names.

import { button } from './dom.js';
import { SCENARIO, SEASONAL, TABLES } from './slate-columns.js';

function get(item, field) {
  return field.split('.').reduce((value, key) => (value && typeof value === 'object' ? value[key] : undefined), item);
}

// Writes a (possibly nested) field; undefined removes it, so that its default applies.
function set(item, field, value) {
  const keys = field.split('.');
  let target = item;
  for (const key of keys.slice(0, -1)) {
    if (!target[key] || typeof target[key] !== 'object') {
      if (value === undefined) return;
      target[key] = {};
    }
    target = target[key];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
}

// A member of a path as the validator writes it: a plain name after a dot, any other quoted.
const member = (name) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `['${name.replace(/'/g, "\\'")}']`);

const parentOf = (path) => {
  if (path === '$' || !path.startsWith('$')) return null;
  if (path.endsWith("']")) return path.slice(0, path.lastIndexOf("['")) || null;
  const bracket = path.endsWith(']') ? path.lastIndexOf('[') : -1;
  const dot = path.lastIndexOf('.');
  return path.slice(0, Math.max(bracket, dot)) || null;
};

let uid = 0;

/** The tables of one slate; <paramref name="changed"/> is told after every edit. */
export class SlateTables {
  constructor(host, changed) {
    this.host = host;
    this.changed = changed;
    this.cells = new Map();
    this.rows = new Map();
    this.slate = null;
  }

  show(slate) {
    this.slate = slate;
    this.cells.clear();
    this.rows.clear();
    this.host.replaceChildren(
      this.section('scenario', 'Scenario', SCENARIO, [{ item: slate, path: '$', label: 'the scenario' }]),
      ...Object.keys(TABLES).map((key) => this.collection(key)),
      this.seasonal(),
    );
  }

  collection(key) {
    const def = TABLES[key];
    const items = Array.isArray(this.slate[key]) ? this.slate[key] : [];
    const rows = items.map((item, i) => ({
      item, path: `$.${key}[${i}]`, label: `${def.singular} ${item && item.id ? item.id : i + 1}`,
      duplicate: () => items.splice(i + 1, 0, { ...structuredClone(item), id: `${item.id}-copy` }),
      remove: () => items.splice(i, 1),
    }));
    const add = () => {
      if (!Array.isArray(this.slate[key])) this.slate[key] = [];
      this.slate[key].push(def.blank(this.slate[key].length + 1, this.slate));
    };
    return this.section(key, def.caption, def.columns, rows, { add, addLabel: `Add a ${def.singular}` });
  }

  seasonal() {
    const seasonality = this.slate.seasonality && typeof this.slate.seasonality === 'object' ? this.slate.seasonality : {};
    const lists = [['default', 'default', seasonality.default]];
    for (const group of ['regions', 'genres']) {
      for (const [name, ranges] of Object.entries(seasonality[group] || {})) lists.push([`${group.slice(0, -1)} ${name}`, `${group}${member(name)}`, ranges]);
    }
    // A list left empty is removed: the tables cannot show an empty list, and a region's empty list would mean "no seasonality here".
    const take = (list, ranges, j) => {
      ranges.splice(j, 1);
      if (ranges.length === 0) this.dropSeasonalList(list);
    };
    const rows = lists.flatMap(([list, where, ranges]) => (Array.isArray(ranges) ? ranges : []).map((range, j) => ({
      item: range, path: `$.seasonality.${where}[${j}]`, label: `${list} range ${j + 1}`, list,
      duplicate: () => ranges.splice(j + 1, 0, structuredClone(range)),
      remove: () => take(list, ranges, j),
      move: (to) => {
        take(list, ranges, j);
        this.seasonalList(to).push(range);
      },
    })));
    const add = () => this.seasonalList('default').push({ from: '01-01', to: '01-31', index: 1 });
    return this.section('seasonality', 'Seasonal ranges', SEASONAL, rows, { add, addLabel: 'Add a seasonal range' });
  }

  /** The list named like "region br" (made when missing), as the List column names it. */
  seasonalList(name) {
    if (!this.slate.seasonality || typeof this.slate.seasonality !== 'object') this.slate.seasonality = {};
    const s = this.slate.seasonality;
    if (name === 'default') return (s.default = Array.isArray(s.default) ? s.default : []);
    const [kind, key] = [name.slice(0, name.indexOf(' ')), name.slice(name.indexOf(' ') + 1)];
    const group = `${kind}s`;
    if (!s[group] || typeof s[group] !== 'object') s[group] = {};
    return (s[group][key] = Array.isArray(s[group][key]) ? s[group][key] : []);
  }

  dropSeasonalList(name) {
    const s = this.slate.seasonality;
    if (name === 'default') delete s.default;
    else delete s[`${name.slice(0, name.indexOf(' '))}s`][name.slice(name.indexOf(' ') + 1)];
  }

  seasonalLists() {
    const regions = (this.slate.regions || []).map((r) => `region ${r.id}`);
    const genres = [...new Set((this.slate.titles || []).flatMap((t) => (Array.isArray(t.genres) ? t.genres : [])))].sort().map((g) => `genre ${g}`);
    return ['default', ...regions, ...genres];
  }

  section(key, caption, columns, rows, actions) {
    const section = document.createElement('section');
    section.className = 'slate-table';
    section.setAttribute('aria-label', caption);
    const scroll = document.createElement('div');
    scroll.className = 'scroll editor-scroll';
    scroll.tabIndex = 0;
    scroll.setAttribute('role', 'region');
    scroll.setAttribute('aria-label', `${caption}, scrollable`);
    const table = document.createElement('table');
    table.className = 'grid editor-grid';
    table.id = `editor-${key}`;
    table.createCaption().textContent = actions ? `${caption} (${rows.length})` : caption;
    const head = table.createTHead().insertRow();
    for (const c of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c.label;
      head.append(th);
    }
    if (actions) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.innerHTML = '<span class="visually-hidden">Actions</span>';
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of rows) this.row(body, key, columns, row, actions);
    scroll.append(table);
    section.append(scroll);
    if (actions) {
      const add = button(actions.addLabel, () => {
        actions.add();
        this.restructured();
      });
      add.className = 'secondary';
      section.append(add);
    }
    return section;
  }

  row(body, key, columns, row, actions) {
    const tr = body.insertRow();
    for (const c of columns) {
      const td = tr.insertCell();
      const input = this.input(key, c, row);
      td.append(input);
      this.cells.set(`${row.path}.${c.field}`, { td, input });
    }
    if (actions) {
      const td = tr.insertCell();
      td.className = 'row-actions';
      td.append(
        button('Duplicate', () => { row.duplicate(); this.restructured(); }, `Duplicate ${row.label}`),
        button('Remove', () => { row.remove(); this.restructured(); }, `Remove ${row.label}`),
      );
    }
    const problems = body.insertRow();
    problems.className = 'row-errors';
    problems.hidden = true;
    const cell = problems.insertCell();
    cell.colSpan = columns.length + (actions ? 1 : 0);
    cell.id = `row-errors-${++uid}`;
    this.rows.set(row.path, { tr, problems, cell, columns, path: row.path });
  }

  input(key, c, row) {
    let input;
    if (key === 'seasonality' && c.field === 'list') {
      input = document.createElement('select');
      const lists = this.seasonalLists();
      if (!lists.includes(row.list)) lists.push(row.list);
      input.append(...lists.map((l) => new Option(l, l)));
      input.value = row.list;
      input.addEventListener('change', () => { row.move(input.value); this.restructured(); });
    } else if (c.input === 'select') {
      input = document.createElement('select');
      input.append(new Option('(default)', ''), ...c.choices.map((o) => new Option(o, o)));
      input.value = get(row.item, c.field) ?? '';
    } else {
      input = document.createElement('input');
      input.type = c.input;
      if (c.mode) input.inputMode = c.mode;
      if (c.input === 'checkbox') input.checked = c.show(get(row.item, c.field));
      else input.value = c.show(get(row.item, c.field));
      input.spellcheck = false;
    }
    input.setAttribute('aria-label', `${row.label}: ${c.label}`);
    input.dataset.path = `${row.path}.${c.field}`;
    if (!(key === 'seasonality' && c.field === 'list')) {
      // Each keystroke is written at once; the validation waits for a pause.
      input.addEventListener(c.input === 'checkbox' || c.input === 'select' ? 'change' : 'input', () => {
        set(row.item, c.field, c.read(c.input === 'checkbox' ? input.checked : input.value));
        this.changed(false);
      });
    }
    return input;
  }

  // Tables drawn again after a row is added, duplicated, removed or moved: focus goes back to the
  // same table (its first cell of the row in the same place, else its add button), not to the page.
  restructured() {
    const focused = document.activeElement;
    const table = focused && focused.closest ? focused.closest('section.slate-table') : null;
    const key = table ? table.querySelector('table').id : null;
    const row = focused && focused.closest ? focused.closest('tr') : null;
    const index = row ? row.sectionRowIndex : -1;
    this.show(this.slate);
    this.changed(true);
    if (!key) return;
    const section = document.getElementById(key).closest('section.slate-table');
    const rows = section.querySelectorAll('tbody tr:not(.row-errors)');
    const target = rows[index < 0 ? rows.length - 1 : Math.min(Math.floor(index / 2), rows.length - 1)];
    const control = (target && target.querySelector('input, select')) || section.querySelector(':scope > button');
    if (control) control.focus();
  }

  /** Places each error beside the cell its path names, or under its row; returns those with no place here (a variant's). */
  place(errors) {
    for (const { td, input } of this.cells.values()) {
      td.classList.remove('invalid');
      td.querySelectorAll('.cell-error').forEach((e) => e.remove());
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
    for (const row of this.rows.values()) {
      row.problems.hidden = true;
      row.cell.replaceChildren();
    }
    const unplaced = [];
    for (const error of errors) {
      let path = error.path;
      while (path && !this.cells.has(path) && !this.rows.has(path)) path = parentOf(path);
      if (!path) unplaced.push(error);
      else if (this.cells.has(path)) this.markCell(this.cells.get(path), error.message);
      else this.markRow(this.rows.get(path), error.message);
    }
    return unplaced;
  }

  markCell({ td, input }, message) {
    const note = document.createElement('span');
    note.className = 'cell-error';
    note.id = `cell-error-${++uid}`;
    note.textContent = message;
    td.classList.add('invalid');
    td.append(note);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), note.id].filter((x) => x).join(' '));
  }

  // A rule of the whole row (a window with no date in it): said under the row, and the cells its message names, such as "(latest)", marked.
  markRow(row, message) {
    const line = document.createElement('p');
    line.textContent = message;
    row.cell.append(line);
    row.problems.hidden = false;
    for (const c of row.columns) {
      if (!message.includes(`(${c.field})`)) continue;
      const { td, input } = this.cells.get(`${row.path}.${c.field}`);
      td.classList.add('invalid');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', row.cell.id);
    }
  }
}
