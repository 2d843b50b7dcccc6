// The runs list, the calendar of the selected run (or of two runs compared), adopting it and its CSV.

import { api, json, sayError } from './api.js';
import { $, button, cell, number, percent, say } from './dom.js';
import { clearReleases, showReleases } from './releases.js';
import { clearWorkbench, showWorkbench } from './workbench.js';

const el = {
  runsBody: $('runs-body'), runsEmpty: $('runs-empty'),
  compareForm: $('compare-form'), compareBase: $('compare-base'), compareOther: $('compare-other'), compareMessage: $('compare-message'),
  viewHeading: $('view-heading'), adopt: $('adopt'), csv: $('download-csv'), xlsx: $('download-xlsx'), viewMessage: $('view-message'),
  adoptConfirm: $('adopt-confirm'), adoptQuestion: $('adopt-question'), adoptYes: $('adopt-yes'), adoptNo: $('adopt-no'),
  report: $('report'), reportEmpty: $('report-empty'), alternatives: $('alternatives'),
  zoom: $('zoom'), wide: $('wide'), app: $('app'),
};

const state = { text: null, runs: [], selected: null, document: null };

const describe = (run) => `run ${run.id}: ${run.scenario}${run.variant ? ` (${run.variant})` : ''}${run.alternativeOf ? `, alternative to run ${run.alternativeOf}` : ''}`;

/** Reads the runs again and redraws them when they changed. */
export async function refreshRuns(stillSignedIn) {
  const response = await api('/api/runs?limit=100');
  const text = await response.text();
  if (!stillSignedIn() || text === state.text) return;
  state.text = text;
  state.runs = JSON.parse(text);
  renderRuns();
  renderCompareChoices();
  if (state.selected !== null) renderAlternatives(state.selected);
}

function renderRuns() {
  const focusedRun = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.run : undefined;
  const rows = state.runs.map((run) => {
    const tr = document.createElement('tr');
    tr.dataset.run = run.id;
    if (run.id === state.selected) tr.setAttribute('aria-current', 'true');
    const th = document.createElement('th');
    th.scope = 'row';
    const show = button(`#${run.id}`, () => selectRun(run.id), `Show ${describe(run)}`);
    show.dataset.run = run.id;
    th.append(show);
    tr.append(th);
    const scenario = cell(tr, run.scenario);
    if (run.variant) {
      const variant = document.createElement('span');
      variant.className = 'variant';
      variant.textContent = ` (${run.variant})`;
      scenario.append(variant);
    }
    if (run.alternativeOf) {
      const note = document.createElement('span');
      note.className = 'variant';
      note.textContent = ` alternative to #${run.alternativeOf}`;
      scenario.append(note);
    }
    cell(tr, run.trigger);
    cell(tr, run.status, `status status-${run.status}`);
    cell(tr, number(run.objective), 'n');
    cell(tr, percent(run.gap), 'n');
    cell(tr, run.adopted ? '★ plan of record' : '', run.adopted ? 'por' : undefined);
    return tr;
  });
  el.runsBody.replaceChildren(...rows);
  el.runsEmpty.hidden = rows.length > 0;
  if (focusedRun !== undefined) {
    const again = el.runsBody.querySelector(`button[data-run="${focusedRun}"]`);
    if (again) again.focus();
  }
}

// The runs the API says have a plan (the optimizer's or the greedy baseline's) can be compared.
function renderCompareChoices() {
  const planned = state.runs.filter((run) => run.hasPlan);
  for (const [select, fallback] of [[el.compareBase, 1], [el.compareOther, 0]]) {
    const previous = select.value;
    const options = planned.map((run) => new Option(describe(run), String(run.id)));
    select.replaceChildren(...options);
    if (planned.some((run) => String(run.id) === previous)) select.value = previous;
    else if (planned.length > fallback) select.value = String(planned[fallback].id);
  }
}

// A run's alternatives, each shown against it; an alternative's way back to the plan it is an alternative to.
// Drawn again only when they change, so that a refresh of the runs keeps the focus on a link.
let alternativesShown = null;

function renderAlternatives(id) {
  const run = state.runs.find((r) => r.id === id);
  const shown = JSON.stringify([id, run && run.alternativeOf, state.runs.filter((r) => r.alternativeOf === id).map((r) => [r.id, r.objective])]);
  if (shown === alternativesShown) return;
  alternativesShown = shown;
  const links = [];
  const link = (text, label, action) => links.push(button(text, action, label));
  if (run && run.alternativeOf) {
    link(`Show run ${run.alternativeOf}, the plan this is an alternative to`, null, () => selectRun(run.alternativeOf));
  }
  const found = state.runs.filter((r) => r.alternativeOf === id).sort((a, b) => a.id - b.id);
  found.forEach((alternative, i) => {
    link(`Alternative ${i + 1}: run ${alternative.id} (objective ${number(alternative.objective)})`, `Show alternative ${i + 1}, run ${alternative.id}, against run ${id}`, () => selectRun(alternative.id));
  });
  el.alternatives.replaceChildren(...(found.length > 0 ? [document.createTextNode('Alternatives to this plan, each shown against it: ')] : []), ...links);
  el.alternatives.hidden = links.length === 0;
}

/**
 * Shows run <paramref name="id"/>: its calendar (drawn over <paramref name="against"/>'s plan when
 * given, or over the plan it is an alternative to) and the workbench on its plan.
 */
export async function selectRun(id, against) {
  state.selected = id;
  state.document = null;
  el.adoptConfirm.hidden = true;
  for (const row of el.runsBody.rows) {
    if (Number(row.dataset.run) === id) row.setAttribute('aria-current', 'true');
    else row.removeAttribute('aria-current');
  }
  const run = state.runs.find((r) => r.id === id);
  el.viewHeading.textContent = run ? `Run ${id}: ${run.scenario}${run.variant ? ` (variant ${run.variant})` : ''}` : `Run ${id}`;
  if (run && run.alternativeOf) el.viewHeading.textContent += `, alternative to run ${run.alternativeOf}`;
  el.adopt.disabled = false;
  el.csv.disabled = false;
  el.xlsx.disabled = false;
  say(el.viewMessage, '');
  renderAlternatives(id);
  if (against) el.viewHeading.textContent += `, against run ${against}`;
  clearWorkbench();
  clearReleases();
  loadWorkbench(id);
  // An alternative is shown as a comparison: drawn over the plan it is an alternative to.
  const base = against || (run && run.alternativeOf);
  await loadReport(base ? `/api/runs/${id}/report?against=${base}` : `/api/runs/${id}/report`, el.viewMessage);
}

// The workbench works on the run shown last; reading the run also has the server load its checks.
async function loadWorkbench(id) {
  try {
    const run = await json(`/api/runs/${id}`);
    if (state.selected !== id) return;
    state.document = run;
    showWorkbench(run);
    showReleases(run);
  } catch (error) {
    if (state.selected === id) sayError(el.viewMessage, error);
  }
}

// Only the report asked for last is shown, however the answers arrive; a new zoom draws it again.
let reportRequest = 0;
let reportShown = null;

async function loadReport(path, messageTarget) {
  reportShown = { path, messageTarget };
  const request = ++reportRequest;
  path = `${path}${path.includes('?') ? '&' : '?'}zoom=${encodeURIComponent(el.zoom.value)}`;
  el.report.title = el.viewHeading.textContent;
  showReport(null, 'Loading…');
  try {
    const html = await (await api(path)).text();
    if (request === reportRequest) showReport(html);
  } catch (error) {
    if (request !== reportRequest) return;
    showReport(null, '');
    sayError(messageTarget, error);
  }
}

function showReport(html, note) {
  if (html === null && note === undefined) {
    reportRequest++;
    reportShown = null;
  }
  if (html === null) {
    el.report.removeAttribute('srcdoc');
    el.report.hidden = true;
    el.reportEmpty.hidden = note === '';
    el.reportEmpty.textContent = note || 'Select a run to see its calendar and release table.';
  } else {
    el.report.srcdoc = html;
    el.report.hidden = false;
    el.reportEmpty.hidden = true;
  }
}

/** What adopting run <paramref name="id"/> would publish next, from its plan (as far as it is loaded). */
function nextPublication(id) {
  const run = state.document;
  if (!run || run.id !== id || !run.plan) return 'Its releases will be published at their instants.';
  const now = Date.now();
  const next = run.plan.releases.filter((r) => Date.parse(r.publishAt) > now).sort((a, b) => Date.parse(a.publishAt) - Date.parse(b.publishAt))[0];
  return next
    ? `Its releases will be published at their instants; the next is ${next.title} in ${next.region} on ${next.date} (${next.publishAt}).`
    : 'None of its releases is still to come: nothing more would be published.';
}

/** Forgets the runs and the selection (on signing out). */
export function clearRuns() {
  state.text = null;
  state.runs = [];
  state.selected = null;
  state.document = null;
  el.adoptConfirm.hidden = true;
  el.runsBody.replaceChildren();
  el.alternatives.hidden = true;
  alternativesShown = null;
  say(el.compareMessage, '');
  say(el.viewMessage, '');
  showReport(null);
  clearWorkbench();
  clearReleases();
}

/** Wires the run actions; <paramref name="refresh"/> reads runs and publications again. */
export function initRuns(refresh) {
  // Adopting publishes: the page asks first, and says what would be published next.
  el.adopt.addEventListener('click', () => {
    const id = state.selected;
    if (id === null) return;
    el.adoptQuestion.textContent = `Adopt run ${id} as the plan of record? ${nextPublication(id)}`;
    el.adoptConfirm.hidden = false;
    el.adoptYes.focus();
  });
  el.adoptNo.addEventListener('click', () => {
    el.adoptConfirm.hidden = true;
    say(el.viewMessage, 'Nothing was adopted.');
    el.adopt.focus();
  });
  el.adoptYes.addEventListener('click', async () => {
    const id = state.selected;
    el.adoptConfirm.hidden = true;
    if (id === null) return;
    say(el.viewMessage, `Adopting run ${id}…`);
    try {
      const answer = await json(`/api/runs/${id}/adopt`, { method: 'POST' });
      say(el.viewMessage, answer.message || `Run ${id} is now the plan of record.`, 'ok');
      await refresh();
    } catch (error) {
      sayError(el.viewMessage, error);
    }
  });

  // The run's releases as CSV, or as a workbook (Releases, KPIs, Calendar) whose dates can be edited and read back.
  el.csv.addEventListener('click', () => download('csv'));
  el.xlsx.addEventListener('click', () => download('xlsx'));

  el.zoom.addEventListener('change', () => {
    if (reportShown) loadReport(reportShown.path, reportShown.messageTarget);
  });
  // The calendar across the whole page, the forms below it, and back.
  el.wide.addEventListener('click', () => {
    const wide = el.app.classList.toggle('wide');
    el.wide.setAttribute('aria-pressed', String(wide));
  });

  el.compareForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const base = el.compareBase.value;
    const other = el.compareOther.value;
    if (!base || !other) {
      say(el.compareMessage, 'Pick two runs with a plan.', 'error');
      return;
    }
    say(el.compareMessage, '');
    await showComparison(Number(base), Number(other), el.compareMessage);
  });
}

/** Shows run <paramref name="other"/> drawn over run <paramref name="base"/>, its moves as arrows; the API refuses a run against itself. */
export async function showComparison(base, other, messageTarget) {
  say(el.viewMessage, '');
  state.selected = null;
  el.alternatives.hidden = true;
  alternativesShown = null;
  for (const row of el.runsBody.rows) row.removeAttribute('aria-current');
  el.adopt.disabled = true;
  el.csv.disabled = true;
  el.xlsx.disabled = true;
  el.viewHeading.textContent = `Run ${other} against run ${base}`;
  clearWorkbench();
  clearReleases();
  const [a, b] = [state.runs.find((r) => r.id === other), state.runs.find((r) => r.id === base)];
  if (a && b && a.scenario !== b.scenario) {
    say(el.viewMessage, `These runs planned different scenarios (${a.scenario}; ${b.scenario}): their moves include whatever the scenarios change.`);
  }
  await loadReport(`/api/runs/${other}/report?against=${base}`, messageTarget);
}

/** Downloads the selected run's releases in <paramref name="format"/> (csv or xlsx), as the API gives them. */
async function download(format) {
  const id = state.selected;
  if (id === null) return;
  try {
    const blob = await (await api(`/api/runs/${id}/${format}`)).blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `run-${id}.${format}`;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(el.viewMessage, `Downloaded run-${id}.${format}.`, 'ok');
  } catch (error) {
    sayError(el.viewMessage, error);
  }
}
