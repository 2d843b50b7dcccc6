// Working on a run's plan: move a release and see what it costs and breaks (solving nothing), pin it
// and re-plan; ask where a new or changed title fits, and accept an option (pinned, re-planned).

import { api, json, sayError } from './api.js';
import { $, cell, number, say } from './dom.js';

const el = {
  workbench: $('workbench'),
  moveForm: $('move-form'), moveTitle: $('move-title'), moveRegion: $('move-region'), moveDate: $('move-date'), moveMode: $('move-mode'),
  moveReplan: $('move-replan'), moveMessage: $('move-message'), moveReleases: $('move-releases'), moveViolations: $('move-violations'),
  moveWhy: $('move-why'), whyMessage: $('why-message'), whyAlternatives: $('why-alternatives'),
  fitForm: $('fit-form'), fitId: $('fit-id'), fitName: $('fit-name'), fitGenres: $('fit-genres'), fitDemand: $('fit-demand'),
  fitReadyRegion: $('fit-ready-region'), fitReadyDate: $('fit-ready-date'), fitTop: $('fit-top'), fitMessage: $('fit-message'), fitOptions: $('fit-options'),
};

// The run worked on: its id, its plan's releases by title, and what to do with a queued re-plan.
const state = { run: null, releases: new Map(), replanned: async () => {}, asked: 0 };

const signed = (value) => `${value > 0 ? '+' : ''}${number(value, 3)}`;

/** Shows the workbench for a run with a plan (its document, plan included); hides it for any other. */
export function showWorkbench(run) {
  clearResults();
  if (!run || !run.plan) {
    state.run = null;
    el.workbench.hidden = true;
    return;
  }
  state.run = run.id;
  state.releases = new Map();
  for (const release of run.plan.releases) {
    if (!state.releases.has(release.title)) state.releases.set(release.title, []);
    state.releases.get(release.title).push(release);
  }
  const titles = [...state.releases.keys()].sort();
  const previous = el.moveTitle.value;
  el.moveTitle.replaceChildren(...titles.map((t) => new Option(t, t)));
  if (titles.includes(previous)) el.moveTitle.value = previous;
  showRegions();
  el.workbench.hidden = false;
}

function showRegions() {
  const releases = state.releases.get(el.moveTitle.value) || [];
  el.moveRegion.replaceChildren(new Option('every region', ''), ...releases.map((r) => new Option(r.region, r.region)));
  if (releases.length > 0) el.moveDate.value = releases[0].date;
}

function clearResults() {
  say(el.whyMessage, '');
  el.whyAlternatives.replaceChildren();
  say(el.moveMessage, '');
  el.moveReleases.hidden = true;
  el.moveReleases.tBodies[0].replaceChildren();
  el.moveViolations.replaceChildren();
  say(el.fitMessage, '');
  el.fitOptions.hidden = true;
  el.fitOptions.tBodies[0].replaceChildren();
}

/** Puts <paramref name="release"/> (a release of the plan) in the move form, its date chosen next. */
export function moveRelease(release) {
  chooseRelease(release);
  el.moveDate.focus();
  el.moveForm.scrollIntoView({ block: 'nearest' });
}

/**
 * Checks moving <paramref name="release"/> to <paramref name="date"/> (in every region when it is
 * global): the move form says what it checks, and the answer shows beside it.
 */
export function checkRelease(release, date, global) {
  chooseRelease(release);
  if (global) el.moveRegion.value = '';
  el.moveDate.value = date;
  el.moveForm.scrollIntoView({ block: 'nearest' });
  check();
}

/** What explain says of <paramref name="release"/>'s date, shown under the move form. */
export function explainRelease(release) {
  chooseRelease(release);
  el.moveForm.scrollIntoView({ block: 'nearest' });
  why();
}

function chooseRelease(release) {
  el.moveMode.value = ''; // a release taken from the plan moves as planned
  el.moveTitle.value = release.title;
  showRegions();
  el.moveRegion.value = release.region;
  el.moveDate.value = release.date;
}

/** Hides the workbench (on signing out, or when no run is shown). */
export function clearWorkbench() {
  state.run = null;
  clearResults();
  el.workbench.hidden = true;
}

function move() {
  const region = el.moveRegion.value;
  const mode = el.moveMode.value;
  return { title: el.moveTitle.value, region: region || null, date: el.moveDate.value, mode: mode || null };
}

async function check() {
  const run = state.run;
  if (run === null) return;
  const asked = ++state.asked; // only the question asked last is answered on the page
  clearResults();
  say(el.moveMessage, 'Checking…');
  try {
    const answer = await json(`/api/runs/${run}/check`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ moves: [move()] }),
    });
    if (run !== state.run || asked !== state.asked) return;
    const verdict = answer.feasible ? 'keeps every rule' : `breaks ${answer.violations.length === 1 ? 'a rule' : `${answer.violations.length} rules`}`;
    say(el.moveMessage, `The move ${verdict}: objective ${signed(answer.objectiveChange)} (value ${signed(answer.valueChange)}, clash cost ${signed(answer.clashCostChange)}).`, answer.feasible ? 'ok' : 'error');
    el.moveReleases.tBodies[0].replaceChildren(...answer.releases.map((r) => {
      const tr = document.createElement('tr');
      cell(tr, r.region);
      cell(tr, r.before ? r.before.date : 'not released');
      cell(tr, r.before ? number(r.before.value, 3) : '', 'n');
      cell(tr, r.after.date);
      cell(tr, number(r.after.value, 3), 'n');
      const f = r.after.factors;
      cell(tr, `${number(f.seasonal, 3)}, ${number(f.genre, 3)}, ${number(f.competition, 3)}, ${number(f.timing, 3)}`);
      return tr;
    }));
    el.moveReleases.hidden = answer.releases.length === 0;
    el.moveViolations.replaceChildren(...answer.violations.map((v) => {
      const li = document.createElement('li');
      const rule = document.createElement('b');
      rule.textContent = `${v.label} (${v.name})`;
      li.append(rule, `: ${v.message}`);
      return li;
    }));
  } catch (error) {
    if (run === state.run && asked === state.asked) sayError(el.moveMessage, error);
  }
}

/**
 * Pins the moves and queues a re-plan from the run's plan (with the title fitted, when one is given:
 * stored with the scenario as a new version); the re-plan is then followed and compared with it.
 */
async function replan(pins, target, title) {
  const run = state.run;
  if (run === null) return;
  say(target, 'Queueing a re-plan with the pin…');
  try {
    const queued = await json(`/api/runs/${run}/replan`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(title ? { pins, title } : { pins }),
    });
    say(target, `Run ${queued.id} re-plans run ${run} with the pin; its progress is under "Plan a scenario".`, 'ok');
    await state.replanned(queued.id, run);
  } catch (error) {
    sayError(target, error);
  }
}

async function fit() {
  const run = state.run;
  if (run === null) return;
  clearResults();
  const title = { id: el.fitId.value.trim() };
  if (el.fitName.value.trim()) title.name = el.fitName.value.trim();
  const genres = el.fitGenres.value.split(',').map((g) => g.trim()).filter((g) => g);
  if (genres.length > 0) title.genres = genres;
  if (el.fitDemand.value !== '') title.demand = Number(el.fitDemand.value);
  if (el.fitReadyRegion.value.trim() && el.fitReadyDate.value) title.readiness = { [el.fitReadyRegion.value.trim()]: el.fitReadyDate.value };
  say(el.fitMessage, 'Looking for options…');
  try {
    const answer = await json(`/api/runs/${run}/fit`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title, top: Number(el.fitTop.value) || 5 }),
    });
    if (run !== state.run) return;
    if (answer.options.length === 0) {
      say(el.fitMessage, `No date takes ${answer.title}${answer.why ? `: ${answer.why.reason}` : ''}.`, 'error');
      return;
    }
    say(el.fitMessage, `${answer.options.length} options for ${answer.title}, best first (${answer.weighed} placements weighed).`, 'ok');
    el.fitOptions.tBodies[0].replaceChildren(...answer.options.map((option, i) => {
      const tr = document.createElement('tr');
      cell(tr, String(i + 1));
      cell(tr, option.mode);
      const dates = Object.entries(option.dates);
      cell(tr, new Set(dates.map(([, d]) => d)).size === 1 ? dates[0][1] : dates.map(([r, d]) => `${r} ${d}`).join(', '));
      cell(tr, signed(option.objectiveChange), 'n');
      cell(tr, option.displaced.map((d) => `${d.title} in ${d.region}: ${d.from} to ${d.to || 'out'}`).join('; ') || 'nothing');
      const td = document.createElement('td');
      const accept = document.createElement('button');
      accept.type = 'button';
      accept.className = 'needs-plan';
      accept.textContent = 'Accept';
      accept.setAttribute('aria-label', `Accept option ${i + 1}: pin it and re-plan`);
      accept.addEventListener('click', () => replan(
        dates.map(([region, date]) => ({ title: answer.title, region, date, mode: option.mode })),
        el.fitMessage,
        title));
      td.append(accept);
      tr.append(td);
      return tr;
    }));
    el.fitOptions.hidden = false;
  } catch (error) {
    if (run === state.run) sayError(el.fitMessage, error);
  }
}

/** What explain says of the chosen title's date (in the chosen region, else its lead region): its factors and the best other dates. */
async function why() {
  const run = state.run;
  if (run === null) return;
  const asked = ++state.asked;
  clearResults();
  const region = el.moveRegion.value;
  try {
    const e = await json(`/api/runs/${run}/explain?title=${encodeURIComponent(el.moveTitle.value)}${region ? `&region=${encodeURIComponent(region)}` : ''}`);
    if (run !== state.run || asked !== state.asked) return;
    const f = e.factors;
    const events = f.events.map((c) => `${c.name} (${c.overlapDays} days, factor ${number(c.factor, 3)})`).join(', ');
    say(el.whyMessage, `${e.title} in ${e.region} on ${e.date} (${e.mode}): value ${number(e.value, 3)}: base ${number(f.base, 3)}, `
      + `seasonal ${number(f.seasonal, 3)}, genre ${number(f.genre, 3)}, competition ${number(f.competition, 3)}${events ? ` (${events})` : ''}, timing ${number(f.timing, 3)}.`);
    el.whyAlternatives.replaceChildren(...e.alternatives.map((a) => {
      const li = document.createElement('li');
      const reasons = a.ruledOutBy.length > 0 ? `ruled out: ${a.ruledOutBy.join('; ')}` : (a.tradeoff || 'allowed');
      li.textContent = `${a.date}: value ${number(a.value, 3)} (${signed(a.valueChange)}), ${reasons}`;
      return li;
    }));
  } catch (error) {
    if (run === state.run && asked === state.asked) sayError(el.whyMessage, error);
  }
}

/** Wires the forms; <paramref name="replanned"/> follows a queued re-plan (its id, and the run it started from). */
export function initWorkbench(replanned) {
  state.replanned = replanned;
  el.moveTitle.addEventListener('change', showRegions);
  el.moveForm.addEventListener('submit', (event) => {
    event.preventDefault();
    check();
  });
  el.moveWhy.addEventListener('click', why);
  el.moveReplan.addEventListener('click', () => {
    if (!el.moveForm.reportValidity()) return;
    clearResults();
    replan([move()], el.moveMessage);
  });
  el.fitForm.addEventListener('submit', (event) => {
    event.preventDefault();
    fit();
  });
}
