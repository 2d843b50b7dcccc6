// What-if on the page: a stored scenario planned with all its variants side by side (POST
// /api/compare), each variant's change and its moves with their causes, and a variant's calendar
// drawn over the base's.

import { json, sayError } from './api.js';
import { $, cell, number, say } from './dom.js';
import { showComparison } from './runs.js';

const FOLLOW_EVERY_MS = 2000;

const el = {
  whatIf: $('whatif'), heading: $('whatif-heading'), run: $('whatif-run'), timeLimit: $('whatif-time-limit'),
  message: $('whatif-message'), result: $('whatif-result'),
};

const state = { scenario: null, refresh: async () => {} };

const signed = (value) => (value === null || value === undefined ? '' : `${value > 0 ? '+' : ''}${number(value, 3)}`);

/** Offers to plan stored scenario <paramref name="scenario"/> (its id, name and variants) with all its variants. */
export function offerWhatIf(scenario) {
  state.scenario = scenario;
  el.heading.textContent = `What if: scenario ${scenario.id} with its variants (${scenario.variants.join(', ') || 'none'})`;
  el.run.disabled = scenario.variants.length === 0;
  say(el.message, scenario.variants.length === 0 ? 'This scenario has no variants yet: save edits as a variant first.' : '');
  el.result.replaceChildren();
  el.whatIf.hidden = false;
}

async function compare() {
  const asked = state.scenario;
  const { id, variants } = asked;
  const seconds = Number(el.timeLimit.value);
  const request = { scenarioId: id, variants, timeLimitSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : null };
  el.run.disabled = true;
  say(el.message, `Planning the base and ${variants.length} variant${variants.length === 1 ? '' : 's'}…`);
  el.result.replaceChildren();
  try {
    let answer = await json('/api/compare', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    // A cluster queues the solves and answers at once: followed until every run has ended.
    while (!answer.base && !answer.comparison && state.scenario === asked) {
      await new Promise((resolve) => { setTimeout(resolve, FOLLOW_EVERY_MS); });
      answer = await json(`/api/comparisons/${answer.id}`);
    }
    if (state.scenario !== asked) return; // another scenario was opened meanwhile
    await state.refresh();
    show(answer.comparison ?? answer);
    say(el.message, 'Planned: each variant against the base.', 'ok');
  } catch (error) {
    if (state.scenario === asked) sayError(el.message, error);
  } finally {
    el.run.disabled = !state.scenario || state.scenario.variants.length === 0;
  }
}

// The comparison names the run of the base and of each variant: absent for one it stored none of.
function show(comparison) {
  const base = comparison.base.run;
  const parts = [];
  const summary = document.createElement('p');
  summary.textContent = `Base: ${comparison.base.status}${comparison.base.kpis ? `, objective ${number(comparison.base.kpis.objective, 3)}` : ''}${base ? ` (run ${base})` : ''}.`;
  parts.push(summary);
  for (const variant of comparison.variants) {
    const section = document.createElement('section');
    section.setAttribute('aria-label', `Variant ${variant.id}`);
    const heading = document.createElement('h4');
    heading.textContent = `Variant ${variant.id}: ${variant.status}${variant.delta ? `, objective ${signed(variant.delta.objective)}` : ''}`;
    section.append(heading);
    if (variant.summary) {
      const p = document.createElement('p');
      p.textContent = variant.summary;
      section.append(p);
    }
    for (const error of variant.errors || []) {
      const p = document.createElement('p');
      p.className = 'message error';
      p.textContent = `${error.path}: ${error.message}`;
      section.append(p);
    }
    if (variant.moved && variant.moved.length > 0) section.append(movesTable(variant));
    // A variant that took the base's own run (on a cluster) has nothing to draw against it.
    const run = variant.run;
    if (run && base && run !== base) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = 'Show on the calendar';
      button.setAttribute('aria-label', `Show variant ${variant.id} (run ${run}) on the calendar against the base (run ${base})`);
      button.addEventListener('click', () => showComparison(base, run, el.message));
      section.append(button);
    }
    parts.push(section);
  }
  el.result.replaceChildren(...parts);
}

function movesTable(variant) {
  const table = document.createElement('table');
  table.className = 'grid';
  table.createCaption().textContent = `What variant ${variant.id} moves, and why`;
  const head = table.createTHead().insertRow();
  for (const [label, numeric] of [['Title'], ['Region'], ['From'], ['To'], ['Value change', true], ['Cause']]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    if (numeric) th.className = 'n';
    head.append(th);
  }
  const body = table.createTBody();
  for (const move of variant.moved) {
    const tr = body.insertRow();
    cell(tr, move.title);
    cell(tr, move.region);
    cell(tr, move.from);
    cell(tr, move.to);
    cell(tr, signed(move.valueChange), 'n');
    cell(tr, cause(move));
  }
  return table;
}

// As compare.md words a move's cause: forced or displaced by rules, or an improvement.
function cause(move) {
  const rules = move.rules && move.rules.length > 0 ? ` (${move.rules.join('; ')})` : '';
  switch (move.cause) {
    case 'forced': return `forced: its date is ruled out${rules}`;
    case 'displaced': return `displaced${move.displacedBy && move.displacedBy.length > 0 ? ` by ${move.displacedBy.join(', ')}` : ''}${rules}`;
    case 'improvement': return `improvement${move.gain !== null && move.gain !== undefined ? ` of ${number(move.gain, 3)}` : ''}`;
    default: return move.cause || '';
  }
}

/** Forgets the what-if (on signing out). */
export function clearWhatIf() {
  state.scenario = null;
  el.result.replaceChildren();
  say(el.message, '');
  el.whatIf.hidden = true;
}

/** Wires the what-if; <paramref name="refresh"/> reads the runs again. */
export function initWhatIf(refresh) {
  state.refresh = refresh;
  el.run.addEventListener('click', compare);
}
