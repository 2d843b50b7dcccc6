// The working calendar: the run's releases on a grid of regions and days, each marker dragged (or
// moved with the arrow keys and Enter) to another date, which the workbench then checks: what the
// move costs and every rule it breaks, answered by the API without solving anything. A release
// clicked (or Enter where it stands) shows why it is on its date.

import { $, say } from './dom.js';
import { checkRelease, explainRelease } from './workbench.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 28;
const LABEL = 120;
const TOP = 24;
// Beyond this many releases the grid would slow the page; the release table's "Move" serves instead.
const MOST = 3000;

const el = { section: $('plan-grid'), holder: $('plan-grid-drawing'), message: $('plan-grid-message') };

const state = { run: null, days: [], dayWidth: 8 };

const DAY_MS = 86400000;
const dayIndex = (date) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${state.days[0]}T00:00:00Z`)) / DAY_MS);
const dateAt = (index) => new Date(Date.parse(`${state.days[0]}T00:00:00Z`) + (index * DAY_MS)).toISOString().slice(0, 10);
const weekday = (date) => new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });

function node(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Draws the releases of <paramref name="run"/> (its document, plan included) with its scenario's regions and horizon. */
export async function showPlanGrid(run, scenario) {
  state.run = run && run.plan ? run.id : null;
  el.section.hidden = state.run === null;
  el.holder.replaceChildren();
  say(el.message, '');
  if (state.run === null) return;
  if (run.plan.releases.length > MOST) {
    say(el.message, `This plan has ${run.plan.releases.length.toLocaleString('en')} releases, too many to drag here: use the release table's "Move".`);
    return;
  }
  const horizon = scenario.horizon || {};
  const dates = run.plan.releases.map((r) => r.date).sort();
  const first = horizon.start || dates[0];
  const last = horizon.end || dates[dates.length - 1];
  const count = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;
  state.days = [first];
  state.days.count = count;
  state.dayWidth = Math.max(4, Math.min(24, 1100 / count));
  const regions = (scenario.regions || []).map((r) => r.id);
  for (const r of run.plan.releases) if (!regions.includes(r.region)) regions.push(r.region);
  const modes = new Map(run.plan.titles.map((t) => [t.id, t.mode]));
  const width = LABEL + (count * state.dayWidth) + 10;
  const svg = node('svg', { width, height: TOP + (regions.length * ROW) + 4, role: 'group', 'aria-label': 'Working calendar: drag a release, or focus it, go from release to release with the up and down arrow keys, move it with left and right, and press Enter to check the move' });
  drawGrid(svg, regions, count);
  regions.forEach((region, row) => {
    // Releases on one day in one region stand one above the other, so that each can be taken.
    const byDay = new Map();
    for (const release of run.plan.releases.filter((r) => r.region === region)) {
      if (!byDay.has(release.date)) byDay.set(release.date, []);
      byDay.get(release.date).push(release);
    }
    for (const day of byDay.values()) {
      const step = Math.min(12, (ROW - 6) / day.length);
      day.forEach((release, lane) => svg.append(marker(release, row, (lane - ((day.length - 1) / 2)) * step, modes.get(release.title))));
    }
  });
  const entry = svg.querySelector('.grid-release');
  if (entry) entry.setAttribute('tabindex', '0');
  el.holder.append(svg);
}

function drawGrid(svg, regions, count) {
  regions.forEach((region, row) => {
    const y = TOP + (row * ROW);
    svg.append(node('line', { x1: 0, x2: LABEL + (count * state.dayWidth), y1: y, y2: y, stroke: '#e5e5e5' }));
    svg.append(node('text', { x: 4, y: y + (ROW / 2) + 4, class: 'grid-region' }, region));
  });
  for (let i = 0; i < count; i++) {
    const date = dateAt(i);
    if (date.endsWith('-01')) {
      const x = LABEL + (i * state.dayWidth);
      svg.append(node('line', { x1: x, x2: x, y1: TOP - 6, y2: TOP + (regions.length * ROW), stroke: '#c8c8c8' }));
      svg.append(node('text', { x: x + 2, y: TOP - 10, class: 'grid-month' }, date.slice(0, 7)));
    }
  }
}

function marker(release, row, offset, mode) {
  const y = TOP + (row * ROW) + (ROW / 2) + offset;
  const x = (index) => LABEL + (index * state.dayWidth) + (state.dayWidth / 2);
  let index = dayIndex(release.date);
  const circle = node('circle', { cx: x(index), cy: y, r: 5, class: 'grid-release', tabindex: -1, role: 'button' });
  const describe = () => `${release.title} in ${release.region}, ${mode || 'planned'}, on ${release.date}${index !== dayIndex(release.date) ? `: move to ${dateAt(index)}, a ${weekday(dateAt(index))}?` : ''}`;
  circle.setAttribute('aria-label', describe());
  circle.append(node('title', {}, `${release.title} in ${release.region} on ${release.date}: drag to another date to check the move`));
  const place = (to) => {
    index = Math.min(state.days.count - 1, Math.max(0, to));
    circle.setAttribute('cx', x(index));
    circle.setAttribute('aria-label', describe());
  };
  // The marker checked last is the one shown moved: the workbench answers for it alone.
  const check = () => {
    for (const other of el.holder.querySelectorAll('.grid-release.moved')) {
      if (other !== circle) other.dispatchEvent(new CustomEvent('putback'));
    }
    // A release clicked where it stands: why it is on its date.
    if (index === dayIndex(release.date)) {
      explainRelease(release);
      return;
    }

    circle.classList.add('moved');
    checkRelease(release, dateAt(index), mode === 'global');
  };
  circle.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    circle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const from = index;
    const move = (e) => place(from + Math.round((e.clientX - startX) / state.dayWidth));
    const end = () => {
      circle.removeEventListener('pointermove', move);
      circle.removeEventListener('pointerup', up);
      circle.removeEventListener('pointercancel', end);
    };
    const up = () => {
      end();
      check();
    };
    circle.addEventListener('pointermove', move);
    circle.addEventListener('pointerup', up);
    circle.addEventListener('pointercancel', end);
  });
  circle.addEventListener('putback', () => {
    circle.classList.remove('moved');
    place(dayIndex(release.date));
  });
  circle.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? 7 : 1;
    if (event.key === 'ArrowRight') place(index + step);
    else if (event.key === 'ArrowLeft') place(index - step);
    else if (event.key === 'Enter' || event.key === ' ') check();
    else if (event.key === 'Escape') circle.dispatchEvent(new CustomEvent('putback'));
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') focusNext(circle, event.key === 'ArrowDown' ? 1 : -1);
    else return;
    event.preventDefault();
  });
  return circle;
}

// One tab stop for the whole grid (a plan may have thousands of releases): the arrow keys up and
// down go from release to release, region by region.
function focusNext(circle, step) {
  const all = [...el.holder.querySelectorAll('.grid-release')];
  const next = all[all.indexOf(circle) + step];
  if (!next) return;
  circle.setAttribute('tabindex', '-1');
  next.setAttribute('tabindex', '0');
  next.focus();
}

/** Hides the grid (on signing out, or when no run is shown). */
export function clearPlanGrid() {
  state.run = null;
  el.holder.replaceChildren();
  el.section.hidden = true;
}
