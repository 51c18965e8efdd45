// Core's words for the page (the module's vocabulary(): row titles, status labels, verdict lines,
// headlines, probe steps, media kinds), in the reader's language: each entry carries its words as
// `<key>_msg` catalog Text, rendered by the translator given with it (the page's or the embed's
// checker's tt). The page spells none of them itself; before the module is loaded it shows ids,
// never invented words.

let vocab = { statuses: [], verdicts: [], rows: [], headlines: [], probes: [], media_kinds: [], origin_modes: [] };
// A vocabulary of an older module has English words only: shown as they are.
let tt = (obj, key) => (obj && typeof obj[key] === 'string' ? obj[key] : '');

export function setVocabulary(v, words) {
  if (v && typeof v === 'object') vocab = v;
  if (words && typeof words.tt === 'function') tt = words.tt;
}

const byId = (list, id) => (Array.isArray(list) ? list.find((x) => x && x.id === id) : undefined);
// The entry's word, or undefined when core has no such entry (an id of another version).
const word = (list, id, key) => {
  const entry = byId(list, id);
  return entry ? tt(entry, key) : undefined;
};

export const statusLabel = (id) => word(vocab.statuses, id, 'label');
// A bandwidth need with this status: "enough", "limited"...
export const capacityWord = (id) => word(vocab.statuses, id, 'capacity');
export const mediaKindLabel = (id) => word(vocab.media_kinds, id, 'label');
export const originModeLabel = (id) => word(vocab.origin_modes, id, 'label');
export const verdictSub = (id) => word(vocab.verdicts, id, 'sub');
export const headlineWords = (id) => {
  const entry = byId(vocab.headlines, id);
  return entry ? { ...entry, title: tt(entry, 'title'), reason: tt(entry, 'reason') } : undefined;
};
export const probes = () => (Array.isArray(vocab.probes) ? vocab.probes : []).map((p) => ({ ...p, name: tt(p, 'name'), step: tt(p, 'step') }));
export const probeWords = (id) => probes().find((p) => p.id === id);
export const schema = () => vocab.schema;
