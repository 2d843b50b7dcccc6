// The release table of the run shown: every release with its genre, mode, local date and time in its
// region's zone beside the UTC instant, sorted by any column and filtered by title, region, genre,
// month and mode; each row can be moved or explained in the workbench.

import { sayError } from './api.js';
import { $, button, cell, number, say } from './dom.js';
import { clearPlanGrid, showPlanGrid } from './plan-grid.js';
import { scenarioDocument } from './scenario-documents.js';
import { explainRelease, moveRelease } from './workbench.js';

// A plan of a world slate has tens of thousands of releases: the table shows this many of those that match.
const SHOWN = 500;

const el = {
  section: $('release-table'), message: $('releases-message'), table: $('releases'),
  title: $('filter-title'), region: $('filter-region'), genre: $('filter-genre'), month: $('filter-month'), mode: $('filter-mode'),
};

const COLUMNS = [
  { key: 'title', label: 'Title' },
  { key: 'region', label: 'Region' },
  { key: 'genre', label: 'Genres' },
  { key: 'mode', label: 'Mode' },
  { key: 'date', label: 'Local date' },
  { key: 'local', label: 'Local time' },
  { key: 'utc', label: 'UTC' },
  { key: 'drops', label: 'Drops', numeric: true },
  { key: 'value', label: 'Value', numeric: true },
];

const state = { run: null, rows: [], sort: { key: 'date', ascending: true } };

// One formatter per zone: a plan may have tens of thousands of releases in a few dozen zones.
const formatters = new Map();

function localTime(instant, zone) {
  if (!formatters.has(zone)) {
    try {
      formatters.set(zone, new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }));
    } catch {
      formatters.set(zone, null); // a zone this browser does not know: the UTC instant still says when
    }
  }
  const formatter = formatters.get(zone);
  return formatter ? formatter.format(new Date(instant)) : '';
}

/**
 * Shows the releases of <paramref name="run"/> (its document, plan included) with its scenario's
 * titles and zones; hides the table for a run without a plan.
 */
export async function showReleases(run) {
  state.run = run && run.plan ? run.id : null;
  el.section.hidden = state.run === null;
  if (state.run === null) return;
  const id = run.id;
  say(el.message, '');
  let scenario = {};
  try {
    scenario = await scenarioDocument(run.scenarioId);
  } catch (error) {
    sayError(el.message, error); // the table still lists the plan, without genres and local times
  }
  if (state.run !== id) return;
  showPlanGrid(run, scenario);
  const titles = new Map((scenario.titles || []).map((t) => [t.id, t]));
  const zones = new Map((scenario.regions || []).map((r) => [r.id, r.timeZone]));
  const modes = new Map(run.plan.titles.map((t) => [t.id, t.mode]));
  const formats = new Map(run.plan.titles.map((t) => [t.id, t.format]));
  state.rows = run.plan.releases.map((r) => {
    const title = titles.get(r.title);
    return {
      release: r,
      title: title && title.name ? `${title.name} (${r.title})` : r.title,
      region: r.region,
      genres: title && Array.isArray(title.genres) ? title.genres : [],
      genre: title && Array.isArray(title.genres) ? title.genres.join(', ') : '',
      mode: modes.get(r.title) || '',
      format: formats.get(r.title) || '',
      date: r.date,
      month: r.date.slice(0, 7),
      local: zones.has(r.region) ? localTime(r.publishAt, zones.get(r.region)) : '',
      utc: r.publishAt,
      drops: r.drops ? r.drops.length : 1,
      value: r.value,
    };
  });
  fillChoices(el.region, 'every region', state.rows.map((r) => r.region));
  fillChoices(el.genre, 'every genre', state.rows.flatMap((r) => r.genres));
  fillChoices(el.month, 'every month', state.rows.map((r) => r.month));
  fillChoices(el.mode, 'either mode', state.rows.map((r) => r.mode));
  render();
}

function fillChoices(select, all, values) {
  const previous = select.value;
  const choices = [...new Set(values.filter((v) => v))].sort();
  select.replaceChildren(new Option(all, ''), ...choices.map((v) => new Option(v, v)));
  if (choices.includes(previous)) select.value = previous;
}

function matching() {
  const text = el.title.value.trim().toLowerCase();
  return state.rows.filter((r) => (!text || r.title.toLowerCase().includes(text))
    && (!el.region.value || r.region === el.region.value)
    && (!el.genre.value || r.genres.includes(el.genre.value))
    && (!el.month.value || r.month === el.month.value)
    && (!el.mode.value || r.mode === el.mode.value));
}

function compare(a, b) {
  const { key, ascending } = state.sort;
  const numeric = COLUMNS.find((c) => c.key === key).numeric;
  const order = numeric ? a[key] - b[key] : String(a[key]).localeCompare(String(b[key]));
  // Ties keep a stable, readable order: by UTC instant, then title and region.
  const tie = order !== 0 ? order : a.utc.localeCompare(b.utc) || a.title.localeCompare(b.title) || a.region.localeCompare(b.region);
  return ascending ? tie : -tie;
}

function render() {
  const rows = matching().sort(compare);
  const head = el.table.tHead.rows[0];
  head.replaceChildren(...COLUMNS.map((c) => {
    const th = document.createElement('th');
    th.scope = 'col';
    if (c.numeric) th.className = 'n';
    const sorted = state.sort.key === c.key;
    th.setAttribute('aria-sort', sorted ? (state.sort.ascending ? 'ascending' : 'descending') : 'none');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link sort';
    button.textContent = `${c.label}${sorted ? (state.sort.ascending ? ' ▲' : ' ▼') : ''}`;
    button.setAttribute('aria-label', `Sort by ${c.label.toLowerCase()}${sorted && state.sort.ascending ? ', descending' : ''}`);
    button.addEventListener('click', () => {
      state.sort = { key: c.key, ascending: sorted ? !state.sort.ascending : true };
      render();
      el.table.tHead.rows[0].cells[COLUMNS.indexOf(c)].querySelector('button').focus();
    });
    th.append(button);
    return th;
  }), Object.assign(document.createElement('th'), { scope: 'col', innerHTML: '<span class="visually-hidden">Actions</span>' }));
  el.table.tBodies[0].replaceChildren(...rows.slice(0, SHOWN).map((r) => {
    const tr = document.createElement('tr');
    cell(tr, r.title);
    cell(tr, r.region);
    cell(tr, r.genre);
    cell(tr, r.format ? `${r.mode}, ${r.format}` : r.mode); // the format chosen for a title that offers several
    cell(tr, r.date, 'nowrap');
    cell(tr, r.local, 'nowrap');
    cell(tr, r.utc, 'nowrap');
    cell(tr, String(r.drops), 'n');
    cell(tr, number(r.value), 'n');
    const td = document.createElement('td');
    td.className = 'row-actions';
    td.append(
      button('Move', () => moveRelease(r.release), `Move ${r.release.title} in ${r.region}`),
      button('Why', () => explainRelease(r.release), `Why ${r.release.title} in ${r.region} on ${r.date}`),
    );
    tr.append(td);
    return tr;
  }));
  el.table.caption.textContent = rows.length > SHOWN
    ? `Releases: the first ${SHOWN} of ${rows.length} that match (of ${state.rows.length}); filter to narrow them`
    : `Releases: ${rows.length} of ${state.rows.length}`;
}

/** Hides the table (on signing out, or when no run is shown). */
export function clearReleases() {
  state.run = null;
  state.rows = [];
  clearPlanGrid();
  el.table.tBodies[0].replaceChildren();
  el.section.hidden = true;
}

export function initReleases() {
  for (const filter of [el.title, el.region, el.genre, el.month, el.mode]) {
    filter.addEventListener(filter === el.title ? 'input' : 'change', render);
  }
}
