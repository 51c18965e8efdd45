// Core's words for the page (the module's vocabulary(): row titles, status labels, verdict lines,
// headlines, probe steps, media kinds). The page spells none of them itself; before the module is
// loaded it shows ids, never invented words.

let vocab = { statuses: [], verdicts: [], rows: [], headlines: [], probes: [], media_kinds: [], origin_modes: [] };

export function setVocabulary(v) {
  if (v && typeof v === 'object') vocab = v;
}

const byId = (list, id) => (Array.isArray(list) ? list.find((x) => x && x.id === id) : undefined);

export const statusLabel = (id) => byId(vocab.statuses, id)?.label;
// A bandwidth need with this status: "enough", "limited"...
export const capacityWord = (id) => byId(vocab.statuses, id)?.capacity;
export const mediaKindLabel = (id) => byId(vocab.media_kinds, id)?.label;
export const originModeLabel = (id) => byId(vocab.origin_modes, id)?.label;
export const verdictSub = (id) => byId(vocab.verdicts, id)?.sub;
export const headlineWords = (id) => byId(vocab.headlines, id);
export const probes = () => (Array.isArray(vocab.probes) ? vocab.probes : []);
export const probeWords = (id) => byId(vocab.probes, id);
export const schema = () => vocab.schema;
