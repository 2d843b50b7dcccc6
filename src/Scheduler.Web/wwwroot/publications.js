// The plan of record's drops and where each publication stands.

import { api } from './api.js';
import { $, cell } from './dom.js';

const el = { summary: $('pubs-summary'), body: $('pubs-body') };
const states = ['upcoming', 'published', 'late', 'failed'];
let shownText = null;

export async function refreshPublications(stillSignedIn) {
  const response = await api('/api/publications');
  const text = await response.text();
  if (!stillSignedIn() || text === shownText) return;
  shownText = text;
  const status = JSON.parse(text);
  const releases = status.releases || [];
  for (const state of states) $(`count-${state}`).textContent = String(releases.filter((r) => r.state === state).length);
  el.summary.textContent = status.planOfRecord
    ? `Plan of record: run ${status.planOfRecord}, ${releases.length} drops.`
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
  el.body.replaceChildren();
}
