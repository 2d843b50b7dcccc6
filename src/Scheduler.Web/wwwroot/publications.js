// The plan of record's drops and where each publication stands.

import { api } from './api.js';
import { $, cell } from './dom.js';

const el = { summary: $('pubs-summary'), counts: $('publication-counts'), body: $('pubs-body') };
let shownText = null;

// The API counts every drop of the plan of record, not just the page of them it lists: one item per
// state it counts, in its order, named after its key; its total is said in the summary instead.
function showCounts(counts) {
  el.counts.replaceChildren(...Object.entries(counts).filter(([key]) => key !== 'total').map(([key, count]) => {
    const li = document.createElement('li');
    const figure = document.createElement('b');
    figure.id = `count-${key}`;
    figure.textContent = String(count);
    li.append(`${key.charAt(0).toUpperCase()}${key.slice(1)} `, figure);
    return li;
  }));
}

export async function refreshPublications(stillSignedIn) {
  const response = await api('/api/publications');
  const text = await response.text();
  if (!stillSignedIn() || text === shownText) return;
  shownText = text;
  const status = JSON.parse(text);
  const releases = status.releases || [];
  showCounts(status.counts);
  const total = status.counts.total;
  el.summary.textContent = status.planOfRecord
    ? `Plan of record: run ${status.planOfRecord}, ${total} drops.${releases.length < total ? ` The first ${releases.length} are listed.` : ''}`
    : 'No plan of record yet: adopt a run to publish it.';
  el.body.replaceChildren(...releases.map((r) => {
    const tr = document.createElement('tr');
    cell(tr, r.title);
    cell(tr, r.region);
    // Drops count from 0 in the API; a whole-season release has one, and no number.
    cell(tr, r.drops > 1 ? `${r.drop + 1} of ${r.drops}` : '');
    cell(tr, r.date);
    cell(tr, r.publishAtLocal || r.publishAt);
    cell(tr, r.state, `state state-${r.state}`);
    cell(tr, r.publishedAt || '');
    cell(tr, r.node || '');
    cell(tr, r.error || '');
    return tr;
  }));
}

export function clearPublications() {
  shownText = null;
  el.counts.replaceChildren();
  el.body.replaceChildren();
}
