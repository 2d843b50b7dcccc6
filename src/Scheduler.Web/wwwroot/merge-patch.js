// A variant's changes from two versions of a scenario, written as the scenario format applies them
// (docs/scenario-format.md, "Variants and how their changes are applied"): objects merge field by
// field, null removes a field, the lists of regions, titles and events merge element by element by
// id ("remove": true deletes one), and every other value or list replaces.

const ID_LISTS = new Set(['regions', 'titles', 'events']);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
// Equal as JSON values, whatever the order of an object's keys (an edited field is written last).
function same(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && same(a[k], b[k]));
  }
  return a === b;
}
const withIds = (list) => Array.isArray(list) && list.every((e) => isObject(e) && typeof e.id === 'string');

/** The changes that turn <paramref name="before"/> into <paramref name="after"/>; undefined when they are the same. */
function objectChanges(before, after) {
  const changes = {};
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) changes[key] = value;
    else if (!same(before[key], value)) changes[key] = valueChanges(before[key], value);
  }
  for (const key of Object.keys(before)) {
    if (!(key in after)) changes[key] = null;
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

function valueChanges(before, after) {
  return isObject(before) && isObject(after) ? objectChanges(before, after) : after;
}

// Each element changed, added or removed, by id; an element that kept its id and fields is not named.
function listChanges(before, after) {
  const old = new Map(before.map((e) => [e.id, e]));
  const changes = [];
  for (const element of after) {
    if (!old.has(element.id)) changes.push(element);
    else {
      const patch = objectChanges(old.get(element.id), element);
      if (patch) changes.push({ id: element.id, ...patch });
    }
  }
  const kept = new Set(after.map((e) => e.id));
  for (const element of before) {
    if (!kept.has(element.id)) changes.push({ id: element.id, remove: true });
  }
  return changes;
}

/**
 * The changes of a variant that turns the base scenario <paramref name="before"/> into
 * <paramref name="after"/> (their variants left aside); null when nothing differs.
 */
export function variantChanges(before, after) {
  const changes = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('variants');
  keys.delete('$schema');
  for (const key of keys) {
    const [a, b] = [before[key], after[key]];
    if (same(a, b)) continue;
    if (b === undefined) changes[key] = null;
    else if (ID_LISTS.has(key) && withIds(a ?? []) && withIds(b)) {
      const list = listChanges(a ?? [], b);
      if (list.length > 0) changes[key] = list;
    } else changes[key] = a === undefined ? b : valueChanges(a, b);
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
