// FHIR R4 lab results (DESIGN §5): a Bundle of DiagnosticReport + Observation (LOINC 94500-6) +
// Specimen, read into lab result rows and written from them. Pure: the rows go through
// validateLabResult like the rows of a CSV file; the database work is the caller's.
import { parseLabResultValue, type LabResultFields, type LabResultValue, type ValidLabResult } from './lab-results.ts';

export const LOINC_SYSTEM = 'http://loinc.org';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const SARS_COV_2_RNA_LOINC = '94500-6';
export const SARS_COV_2_RNA_DISPLAY = 'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory specimen by NAA with probe detection';
const LOINC_OID = 'urn:oid:2.16.840.1.113883.6.1';
const ACCEPTED_BUNDLE_TYPES = ['collection', 'transaction', 'batch', 'message'];

export const RESULT_SNOMED: Record<LabResultValue, { code: string; display: string }> = {
  negative: { code: '260385009', display: 'Negative' },
  positive: { code: '10828004', display: 'Positive' },
  invalid: { code: '455371000124106', display: 'Invalid result' },
};

// Read side also takes the qualifiers labs outside China send for the same answers.
const SNOMED_TO_RESULT: Record<string, LabResultValue> = {
  '260385009': 'negative',
  '260415000': 'negative', // Not detected
  '10828004': 'positive',
  '260373001': 'positive', // Detected
  '455371000124106': 'invalid',
  '419984006': 'invalid', // Inconclusive
  '82334004': 'invalid', // Indeterminate
  '125154007': 'invalid', // Specimen unsatisfactory for evaluation
};

// HL7 v3 ObservationInterpretation, used when an Observation carries no value.
const INTERPRETATION_TO_RESULT: Record<string, LabResultValue> = { POS: 'positive', DET: 'positive', NEG: 'negative', ND: 'negative', IND: 'invalid' };

export type FhirErrorCode =
  | 'FHIR_NOT_A_BUNDLE' // the document is not a Bundle of an accepted type
  | 'FHIR_ENTRY_INVALID' // an entry without a resource
  | 'FHIR_REFERENCE_UNRESOLVED' // a report result that is neither contained nor in the bundle
  | 'FHIR_CODE_UNSUPPORTED' // an Observation that is not LOINC 94500-6 (ignored)
  | 'FHIR_RESULT_WITHDRAWN' // entered-in-error or cancelled
  | 'FHIR_TUBE_MISSING'
  | 'FHIR_RESULT_MISSING';

export interface FhirLabRow {
  /** Index of the Bundle entry (0-based) that holds the Observation, or its report if contained. */
  index: number;
  fields: LabResultFields;
}

export interface FhirLabError {
  index: number;
  code: FhirErrorCode;
  message: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const get = (v: unknown, key: string): unknown => (isObj(v) ? v[key] : undefined);
const label = (r: Json) => `${String(r.resourceType)}${str(r.id) ? `/${str(r.id)}` : ''}`;
const firstIdentifierValue = (v: unknown): string | null => list(v).map((i) => str(get(i, 'value'))).find((x) => x !== null) ?? null;

/** Resolves references the way FHIR does inside a Bundle: `#id` in the container, else fullUrl or Type/id. */
class References {
  private readonly byUrl = new Map<string, Json>();
  readonly bundled = new Set<Json>();

  add(fullUrl: unknown, resource: Json): void {
    this.bundled.add(resource);
    const url = str(fullUrl);
    if (url && !this.byUrl.has(url)) this.byUrl.set(url, resource);
    const type = str(resource.resourceType);
    const id = str(resource.id);
    if (type && id && !this.byUrl.has(`${type}/${id}`)) this.byUrl.set(`${type}/${id}`, resource);
  }

  /** `containers` are the resources whose `contained` a `#id` reference may point into, innermost first. */
  resolve(ref: unknown, containers: (Json | null)[]): Json | null {
    const r = str(get(ref, 'reference'));
    if (!r) return null;
    if (r.startsWith('#')) {
      for (const c of containers) {
        const hit = list(c?.contained).find((x) => isObj(x) && x.id === r.slice(1));
        if (isObj(hit)) return hit;
      }
      return null;
    }
    const exact = this.byUrl.get(r);
    if (exact) return exact;
    // An absolute or versioned URL of a resource the bundle holds as Type/id.
    const m = /([A-Z][A-Za-z]+\/[A-Za-z0-9.-]{1,64})(\/_history\/[^/]+)?$/.exec(r);
    return m ? (this.byUrl.get(m[1]) ?? null) : null;
  }
}

const isLoinc = (system: unknown) => system === LOINC_SYSTEM || system === LOINC_OID;
function isSarsCov2Result(obs: Json): boolean {
  return list(get(obs.code, 'coding')).some((c) => isLoinc(get(c, 'system')) && str(get(c, 'code')) === SARS_COV_2_RNA_LOINC);
}

/** Which Ct target a code names, from its text or displays ("ORF1ab Ct", "N gene", "N基因"). */
function ctTarget(code: unknown): 'orf1ab' | 'n' | null {
  const texts = [get(code, 'text'), ...list(get(code, 'coding')).map((c) => get(c, 'display'))]
    .map(str)
    .filter((t): t is string => t !== null)
    .map((t) => t.toLowerCase());
  if (texts.some((t) => t.replace(/[^a-z0-9]/g, '').includes('orf1ab'))) return 'orf1ab';
  if (texts.some((t) => t.split(/[^a-z0-9]+/).includes('n') || t.includes('nucleocapsid'))) return 'n';
  return null;
}

function quantity(v: unknown): number | string | null {
  const value = get(v, 'value');
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

function resultValue(obs: Json): string | null {
  const cc = obs.valueCodeableConcept;
  const codings = list(get(cc, 'coding'));
  for (const c of codings) {
    const system = get(c, 'system');
    const hit = SNOMED_TO_RESULT[str(get(c, 'code')) ?? ''];
    if (hit && (system === SNOMED_SYSTEM || system === undefined)) return hit;
  }
  const words = [get(cc, 'text'), ...codings.map((c) => get(c, 'display')), obs.valueString].map(str).filter((t): t is string => t !== null);
  for (const w of words) {
    const hit = parseLabResultValue(w);
    if (hit) return hit;
  }
  // Unrecognised words go on as they are, so that validation names them (RESULT_VALUE_INVALID).
  if (words.length > 0) return words[0];
  for (const i of list(obs.interpretation))
    for (const c of list(get(i, 'coding'))) {
      const hit = INTERPRETATION_TO_RESULT[str(get(c, 'code'))?.toUpperCase() ?? ''];
      if (hit) return hit;
    }
  return null;
}

const referenceType = (ref: unknown, resolved: Json | null): string | null =>
  str(resolved?.resourceType) ?? str(get(ref, 'type')) ?? /^([A-Z][A-Za-z]+)\//.exec(str(get(ref, 'reference')) ?? '')?.[1] ?? null;

const codeLike = (t: string | null) => (t && /^[A-Za-z0-9_.-]{1,64}$/.test(t) ? t : null);

/**
 * Reads the lab results of a FHIR R4 Bundle: one row per Observation coded LOINC 94500-6, with its
 * tube (the Specimen's identifier), Ct values, time, lab and instrument. Everything that cannot
 * become a row is listed in `errors` with its entry index; nothing is thrown.
 */
export function parseFhirLabBundle(bundle: unknown): { rows: FhirLabRow[]; errors: FhirLabError[] } {
  const rows: FhirLabRow[] = [];
  const errors: FhirLabError[] = [];
  if (!isObj(bundle) || bundle.resourceType !== 'Bundle')
    return { rows, errors: [{ index: 0, code: 'FHIR_NOT_A_BUNDLE', message: 'The document is not a FHIR Bundle (resourceType "Bundle")' }] };
  if (!ACCEPTED_BUNDLE_TYPES.includes(String(bundle.type)))
    return { rows, errors: [{ index: 0, code: 'FHIR_NOT_A_BUNDLE', message: `Bundle type ${String(bundle.type)} is not accepted; use ${ACCEPTED_BUNDLE_TYPES.join(', ')}` }] };

  const refs = new References();
  const entries = list(bundle.entry);
  const resources: (Json | null)[] = entries.map((e, index) => {
    const resource = get(e, 'resource');
    if (!isObj(resource) || !str(resource.resourceType)) {
      errors.push({ index, code: 'FHIR_ENTRY_INVALID', message: `Entry ${index} has no resource; skipped` });
      return null;
    }
    refs.add(get(e, 'fullUrl'), resource);
    return resource;
  });

  // Observations in entry order; those contained in a report take the report's index.
  const report = new Map<Json, Json>();
  const candidates: { obs: Json; index: number }[] = [];
  resources.forEach((r, index) => {
    if (r?.resourceType === 'Observation') candidates.push({ obs: r, index });
    if (r?.resourceType !== 'DiagnosticReport') return;
    const results = list(r.result);
    if (results.length === 0) errors.push({ index, code: 'FHIR_RESULT_MISSING', message: `${label(r)} has no result Observation` });
    for (const ref of results) {
      const obs = refs.resolve(ref, [r]);
      if (!obs || obs.resourceType !== 'Observation') {
        errors.push({ index, code: 'FHIR_REFERENCE_UNRESOLVED', message: `${label(r)} refers to ${str(get(ref, 'reference')) ?? 'nothing'}, which is not an Observation in the bundle` });
        continue;
      }
      if (!report.has(obs)) report.set(obs, r);
      if (!refs.bundled.has(obs) && !candidates.some((c) => c.obs === obs)) candidates.push({ obs, index });
    }
  });
  candidates.sort((a, b) => a.index - b.index);

  // Ct values may be components of the result, its hasMember Observations, or — when the report has
  // one result — sibling Observations of that report named after a target.
  const consumed = new Set<Json>();
  const ctOf = new Map<Json, { orf1ab: number | string | null; n: number | string | null }>();
  for (const { obs } of candidates) {
    if (!isSarsCov2Result(obs)) continue;
    const ct = { orf1ab: null as number | string | null, n: null as number | string | null };
    const take = (code: unknown, value: unknown) => {
      const target = ctTarget(code);
      const q = quantity(value);
      if (target && q !== null && ct[target] === null) ct[target] = q;
      return target !== null && q !== null;
    };
    for (const c of list(obs.component)) take(get(c, 'code'), get(c, 'valueQuantity'));
    const parent = report.get(obs) ?? null;
    const members = list(obs.hasMember).map((m) => refs.resolve(m, [obs, parent]));
    const inReport = list(parent?.result).map((x) => refs.resolve(x, [parent]));
    const siblings = inReport.filter((o) => o && isSarsCov2Result(o)).length === 1 ? inReport : [];
    for (const m of [...members, ...siblings])
      if (m && m !== obs && m.resourceType === 'Observation' && !isSarsCov2Result(m) && take(m.code, m.valueQuantity)) consumed.add(m);
    ctOf.set(obs, ct);
  }

  for (const { obs, index } of candidates) {
    if (consumed.has(obs)) continue;
    if (!isSarsCov2Result(obs)) {
      const code = list(get(obs.code, 'coding')).map((c) => `${str(get(c, 'system')) ?? ''}|${str(get(c, 'code')) ?? ''}`).join(', ') || str(get(obs.code, 'text')) || 'no code';
      errors.push({ index, code: 'FHIR_CODE_UNSUPPORTED', message: `${label(obs)} (${code}) is not a SARS-CoV-2 RNA result (LOINC ${SARS_COV_2_RNA_LOINC}); ignored` });
      continue;
    }
    const parent = report.get(obs) ?? null;
    const status = str(obs.status) ?? str(parent?.status);
    if (status === 'entered-in-error' || status === 'cancelled') {
      errors.push({ index, code: 'FHIR_RESULT_WITHDRAWN', message: `${label(obs)} has status ${status}; not imported` });
      continue;
    }
    const tube = tubeCode(obs, parent, refs);
    if (!tube.ok) {
      errors.push({ index, code: 'FHIR_TUBE_MISSING', message: `${label(obs)}: ${tube.message}` });
      continue;
    }
    const result = resultValue(obs);
    if (!result) {
      errors.push({ index, code: 'FHIR_RESULT_MISSING', message: `${label(obs)} of tube ${tube.code} has no result value (valueCodeableConcept)` });
      continue;
    }
    const ct = ctOf.get(obs)!;
    rows.push({
      index,
      fields: {
        tubeCode: tube.code,
        result,
        ctOrf1ab: ct.orf1ab,
        ctN: ct.n,
        testedAt: testedAt(obs) ?? (parent && testedAt(parent)),
        labCode: labCode(obs, parent, refs),
        instrument: instrument(obs, parent, refs),
      },
    });
  }
  errors.sort((a, b) => a.index - b.index); // stable: an entry's problems stay in the order found
  return { rows, errors };
}

function tubeCode(obs: Json, parent: Json | null, refs: References): { ok: true; code: string } | { ok: false; message: string } {
  const ref = obs.specimen ?? list(parent?.specimen)[0];
  if (ref === undefined || ref === null) {
    const fromReport = firstIdentifierValue(parent?.identifier);
    return fromReport ? { ok: true, code: fromReport } : { ok: false, message: 'no specimen and no report identifier gives the tube code' };
  }
  const specimen = refs.resolve(ref, [obs, parent]);
  const code =
    (specimen?.resourceType === 'Specimen' ? (firstIdentifierValue(specimen.identifier) ?? str(get(specimen.accessionIdentifier, 'value'))) : null) ??
    str(get(get(ref, 'identifier'), 'value')); // a logical reference: { identifier: { value: 'T1' } }
  if (code) return { ok: true, code };
  if (!specimen) return { ok: false, message: `specimen ${str(get(ref, 'reference')) ?? '(no reference)'} is not in the bundle` };
  return { ok: false, message: `${label(specimen)} has no identifier (the tube barcode)` };
}

function testedAt(r: Json): string | null {
  return str(r.effectiveDateTime) ?? str(r.effectiveInstant) ?? str(get(r.effectivePeriod, 'end')) ?? str(get(r.effectivePeriod, 'start')) ?? str(r.issued);
}

/** The performing lab's code: an Organization's identifier, or a display that is itself a code. */
function labCode(obs: Json, parent: Json | null, refs: References): string | null {
  const candidates: [unknown, Json | null][] = [...list(obs.performer).map((p): [unknown, Json | null] => [p, obs]), ...list(parent?.performer).map((p): [unknown, Json | null] => [p, parent])];
  for (const [ref, container] of candidates) {
    const resolved = refs.resolve(ref, [container, parent]);
    const type = referenceType(ref, resolved);
    if (type && type !== 'Organization') continue; // a technician or a patient is not a lab
    const code = str(get(get(ref, 'identifier'), 'value')) ?? firstIdentifierValue(resolved?.identifier) ?? codeLike(str(get(ref, 'display')));
    if (code) return code;
  }
  return null;
}

function instrument(obs: Json, parent: Json | null, refs: References): string | null {
  const ref = obs.device;
  if (!isObj(ref)) return null;
  const device = refs.resolve(ref, [obs, parent]);
  return (
    str(ref.display) ??
    (device ? (str(get(list(device.deviceName)[0], 'name')) ?? firstIdentifierValue(device.identifier) ?? str(device.modelNumber)) : null) ??
    str(get(ref.identifier, 'value'))
  );
}

// --- writing -------------------------------------------------------------------------------------

export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { fullUrl: string; resource: Json }[];
}

// cyrb128: a small non-cryptographic 128-bit hash, so that ids are stable without node:crypto
// (domain/ is also bundled for the browser).
function hash128(s: string): number[] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A name-based UUID (version 8, RFC 9562): the same tube gives the same ids in every export. */
export function stableUuid(name: string): string {
  const hex = hash128(name).map((h) => h.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const ctComponent = (target: string, value: number) => ({
  code: { text: `SARS-CoV-2 ${target} Ct` },
  valueQuantity: { value, unit: 'Ct', system: 'http://unitsofmeasure.org', code: '{Ct}' },
});

/**
 * One `collection` Bundle with, per result, a Specimen (identifier = tube code), an Observation
 * (LOINC 94500-6, SNOMED value, Ct components) and a DiagnosticReport that refers to both.
 */
export function labResultsToFhirBundle(results: readonly ValidLabResult[]): FhirBundle {
  const entry: FhirBundle['entry'] = [];
  const seen = new Map<string, number>();
  const loinc = { coding: [{ system: LOINC_SYSTEM, code: SARS_COV_2_RNA_LOINC, display: SARS_COV_2_RNA_DISPLAY }], text: SARS_COV_2_RNA_DISPLAY };
  for (const r of results) {
    // A tube exported twice (a corrected result) still needs distinct ids.
    const n = seen.get(r.tubeCode) ?? 0;
    seen.set(r.tubeCode, n + 1);
    const key = `${r.tubeCode}#${n}`;
    const [specimenId, observationId, reportId] = ['Specimen', 'Observation', 'DiagnosticReport'].map((t) => stableUuid(`${t}|${key}`));
    const specimenRef = { reference: `urn:uuid:${specimenId}` };
    const performer = r.labCode ? [{ type: 'Organization', identifier: { value: r.labCode }, display: r.labCode }] : undefined;
    const effectiveDateTime = r.testedAt?.toISOString();
    const snomed = RESULT_SNOMED[r.result];
    const component = [
      ...(r.ctOrf1ab !== null ? [ctComponent('ORF1ab', r.ctOrf1ab)] : []),
      ...(r.ctN !== null ? [ctComponent('N gene', r.ctN)] : []),
    ];
    entry.push(
      { fullUrl: `urn:uuid:${specimenId}`, resource: { resourceType: 'Specimen', id: specimenId, identifier: [{ value: r.tubeCode }] } },
      {
        fullUrl: `urn:uuid:${observationId}`,
        resource: {
          resourceType: 'Observation',
          id: observationId,
          status: 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
          code: loinc,
          ...(effectiveDateTime ? { effectiveDateTime } : {}),
          ...(performer ? { performer } : {}),
          valueCodeableConcept: { coding: [{ system: SNOMED_SYSTEM, code: snomed.code, display: snomed.display }], text: snomed.display },
          specimen: specimenRef,
          ...(r.instrument ? { device: { display: r.instrument } } : {}),
          ...(component.length > 0 ? { component } : {}),
        },
      },
      {
        fullUrl: `urn:uuid:${reportId}`,
        resource: {
          resourceType: 'DiagnosticReport',
          id: reportId,
          status: 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
          code: loinc,
          ...(effectiveDateTime ? { effectiveDateTime } : {}),
          ...(performer ? { performer } : {}),
          specimen: [specimenRef],
          result: [{ reference: `urn:uuid:${observationId}` }],
        },
      },
    );
  }
  return { resourceType: 'Bundle', type: 'collection', entry };
}
