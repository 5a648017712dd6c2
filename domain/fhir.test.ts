import { describe, expect, it } from 'vitest';
import { labResultsToFhirBundle, parseFhirLabBundle, stableUuid, SARS_COV_2_RNA_LOINC } from './fhir.ts';
import { validateLabResult, type ValidLabResult } from './lab-results.ts';

const opts = { timeZone: 'Asia/Shanghai', now: new Date('2022-04-02T00:00:00Z') };
const LOINC = 'http://loinc.org';
const SCT = 'http://snomed.info/sct';
const rna = { coding: [{ system: LOINC, code: '94500-6', display: 'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory specimen by NAA with probe detection' }] };

// A transaction as a lab information system would send it: the report refers to its Observation by
// urn:uuid and to the Specimen and lab by Type/id; a second report carries everything contained.
const LAB_BUNDLE = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:6b1e7a3c-51b4-4f7e-9d3e-0a4c2b7f1e01',
      resource: {
        resourceType: 'DiagnosticReport',
        identifier: [{ system: 'urn:oid:2.16.156.220100.1', value: 'RPT-20220401-0001' }],
        status: 'final',
        code: rna,
        issued: '2022-04-01T09:10:00+08:00',
        performer: [{ reference: 'Organization/lab-cc1' }],
        specimen: [{ reference: 'Specimen/sp-1' }],
        result: [{ reference: 'urn:uuid:1f0c9a52-2f7d-4b66-8a8f-5d2f3b9c4e02' }],
      },
      request: { method: 'POST', url: 'DiagnosticReport' },
    },
    {
      fullUrl: 'urn:uuid:1f0c9a52-2f7d-4b66-8a8f-5d2f3b9c4e02',
      resource: {
        resourceType: 'Observation',
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        code: rna,
        effectiveDateTime: '2022-04-01T08:30:00+08:00',
        valueCodeableConcept: { coding: [{ system: SCT, code: '10828004', display: 'Positive' }], text: '阳性' },
        device: { display: 'SLAN-96P' },
        component: [
          { code: { text: 'ORF1ab Ct' }, valueQuantity: { value: 28.1, unit: 'Ct' } },
          { code: { text: 'N基因 Ct值' }, valueQuantity: { value: 30.4, unit: 'Ct' } },
          { code: { text: 'Internal control' }, valueQuantity: { value: 25.0 } },
        ],
      },
      request: { method: 'POST', url: 'Observation' },
    },
    {
      fullUrl: 'https://lis.example.cn/fhir/Specimen/sp-1',
      resource: {
        resourceType: 'Specimen',
        id: 'sp-1',
        identifier: [{ system: 'urn:cordon:tube', value: 'CC20220401-0001' }],
        type: { coding: [{ system: SCT, code: '258500001', display: 'Nasopharyngeal swab' }] },
      },
      request: { method: 'PUT', url: 'Specimen/sp-1' },
    },
    {
      fullUrl: 'https://lis.example.cn/fhir/Organization/lab-cc1',
      resource: { resourceType: 'Organization', id: 'lab-cc1', identifier: [{ value: 'LAB2201' }], name: '长春市核酸检测中心' },
      request: { method: 'PUT', url: 'Organization/lab-cc1' },
    },
    {
      fullUrl: 'urn:uuid:9d2b7c11-0e5a-4c1e-b3a4-77e0c1d2f004',
      resource: {
        resourceType: 'DiagnosticReport',
        status: 'final',
        code: rna,
        issued: '2022-04-01 10:00',
        performer: [{ display: 'LAB2202' }],
        contained: [
          { resourceType: 'Specimen', id: 'sp', accessionIdentifier: { value: 'CC20220401-0002' } },
          {
            resourceType: 'Observation',
            id: 'o1',
            status: 'final',
            code: rna,
            specimen: { reference: '#sp' },
            valueCodeableConcept: { text: '阴性' },
          },
        ],
        result: [{ reference: '#o1' }],
      },
      request: { method: 'POST', url: 'DiagnosticReport' },
    },
    {
      fullUrl: 'urn:uuid:0a7f3e21-8c5d-4d0b-9e6f-1b2c3d4e5f05',
      resource: {
        resourceType: 'Observation',
        id: 'ag-1',
        status: 'final',
        code: { coding: [{ system: LOINC, code: '94558-4', display: 'SARS-CoV-2 (COVID-19) Ag [Presence] in Respiratory specimen by Rapid immunoassay' }] },
        valueCodeableConcept: { coding: [{ system: SCT, code: '260385009', display: 'Negative' }] },
        specimen: { identifier: { value: 'AG-0001' } },
      },
      request: { method: 'POST', url: 'Observation' },
    },
  ],
};

describe('parseFhirLabBundle', () => {
  it('reads a lab transaction: report → Observation (urn:uuid) → Specimen and lab (Type/id), and a fully contained report', () => {
    const { rows, errors } = parseFhirLabBundle(LAB_BUNDLE);
    expect(rows).toEqual([
      {
        index: 1,
        fields: { tubeCode: 'CC20220401-0001', result: 'positive', ctOrf1ab: 28.1, ctN: 30.4, testedAt: '2022-04-01T08:30:00+08:00', labCode: 'LAB2201', instrument: 'SLAN-96P' },
      },
      {
        index: 4,
        fields: { tubeCode: 'CC20220401-0002', result: 'negative', ctOrf1ab: null, ctN: null, testedAt: '2022-04-01 10:00', labCode: 'LAB2202', instrument: null },
      },
    ]);
    expect(errors).toEqual([{ index: 5, code: 'FHIR_CODE_UNSUPPORTED', message: expect.stringContaining('94558-4') }]);
    expect(errors[0].message).toContain('Observation/ag-1');

    // The rows then go through the same validation as a CSV row.
    const valid = rows.map((r) => validateLabResult(r.fields, opts));
    expect(valid.map((v) => v.ok && v.value.testedAt?.toISOString())).toEqual(['2022-04-01T00:30:00.000Z', '2022-04-01T02:00:00.000Z']);
  });

  it('reports a document that is not a Bundle, or a Bundle of another type', () => {
    for (const doc of [null, 'text', [], { resourceType: 'Observation' }, { resourceType: 'Bundle', type: 'searchset', entry: [] }]) {
      const r = parseFhirLabBundle(doc);
      expect(r.rows).toEqual([]);
      expect(r.errors).toEqual([{ index: 0, code: 'FHIR_NOT_A_BUNDLE', message: expect.any(String) }]);
    }
    expect(parseFhirLabBundle({ resourceType: 'Bundle', type: 'collection' })).toEqual({ rows: [], errors: [] });
  });

  it('lists every entry that cannot become a row, with its index', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'DELETE', url: 'Observation/old' } },
        { resource: { resourceType: 'Observation', id: 'no-tube', status: 'final', code: rna, valueCodeableConcept: { text: 'positive' } } },
        { resource: { resourceType: 'Observation', id: 'no-value', status: 'final', code: rna, specimen: { identifier: { value: 'T3' } } } },
        { resource: { resourceType: 'Observation', id: 'lost-specimen', status: 'final', code: rna, specimen: { reference: 'Specimen/nope' }, valueCodeableConcept: { text: 'negative' } } },
        { resource: { resourceType: 'Observation', id: 'oops', status: 'entered-in-error', code: rna, specimen: { identifier: { value: 'T5' } }, valueCodeableConcept: { text: 'positive' } } },
        { resource: { resourceType: 'DiagnosticReport', id: 'r6', status: 'final', code: rna, result: [{ reference: 'Observation/missing' }] } },
        { resource: { resourceType: 'DiagnosticReport', id: 'r7', status: 'final', code: rna } },
        { resource: { resourceType: 'Specimen', id: 'bare' } },
        { resource: { resourceType: 'Observation', id: 'bare-specimen', status: 'final', code: rna, specimen: { reference: 'Specimen/bare' }, valueCodeableConcept: { text: 'negative' } } },
        { resource: { resourceType: 'Observation', id: 'odd', status: 'final', code: rna, specimen: { identifier: { value: 'T9' } }, valueCodeableConcept: { text: 'borderline' } } },
      ],
    };
    const { rows, errors } = parseFhirLabBundle(bundle);
    expect(errors.map((e) => [e.index, e.code])).toEqual([
      [0, 'FHIR_ENTRY_INVALID'],
      [1, 'FHIR_TUBE_MISSING'],
      [2, 'FHIR_RESULT_MISSING'],
      [3, 'FHIR_TUBE_MISSING'],
      [4, 'FHIR_RESULT_WITHDRAWN'],
      [5, 'FHIR_REFERENCE_UNRESOLVED'],
      [6, 'FHIR_RESULT_MISSING'],
      [8, 'FHIR_TUBE_MISSING'],
    ]);
    expect(errors.find((e) => e.index === 3)?.message).toContain('Specimen/nope');
    // An unknown word is passed on for validation to name, not dropped.
    expect(rows).toEqual([{ index: 9, fields: expect.objectContaining({ tubeCode: 'T9', result: 'borderline' }) }]);
    const v = validateLabResult(rows[0].fields, opts);
    expect(!v.ok && v.code).toBe('RESULT_VALUE_INVALID');
  });

  it('takes Ct values from sibling Observations of the report, "Detected" codes, and the lab from an Organization performer only', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001',
          resource: {
            resourceType: 'DiagnosticReport',
            status: 'final',
            code: rna,
            identifier: [{ value: 'TUBE-77' }],
            effectiveDateTime: '2022-04-01T07:00:00Z',
            performer: [{ reference: 'Practitioner/tech-1', display: 'WANG01' }, { type: 'Organization', identifier: { value: 'LAB9' } }],
            result: [{ reference: 'Observation/main' }, { reference: 'Observation/ct-orf' }, { reference: 'Observation/ct-n' }],
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            id: 'main',
            status: 'final',
            code: rna,
            valueCodeableConcept: { coding: [{ system: SCT, code: '260373001', display: 'Detected' }] },
            device: { reference: 'Device/d1' },
          },
        },
        { resource: { resourceType: 'Observation', id: 'ct-orf', status: 'final', code: { coding: [{ system: LOINC, code: 'x', display: 'SARS-CoV-2 ORF1ab region Ct' }] }, valueQuantity: { value: 33.5 } } },
        { resource: { resourceType: 'Observation', id: 'ct-n', status: 'final', code: { text: 'SARS-CoV-2 N gene Ct' }, valueQuantity: { value: 34.9 } } },
        { resource: { resourceType: 'Device', id: 'd1', deviceName: [{ name: 'QuantStudio 5', type: 'model-name' }] } },
        { resource: { resourceType: 'Practitioner', id: 'tech-1' } },
      ],
    };
    const { rows, errors } = parseFhirLabBundle(bundle);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { index: 1, fields: { tubeCode: 'TUBE-77', result: 'positive', ctOrf1ab: 33.5, ctN: 34.9, testedAt: '2022-04-01T07:00:00Z', labCode: 'LAB9', instrument: 'QuantStudio 5' } },
    ]);
  });
});

describe('labResultsToFhirBundle', () => {
  const results: ValidLabResult[] = [
    { tubeCode: 'CC20220401-0001', result: 'positive', ctOrf1ab: 28.1, ctN: 30.4, testedAt: new Date('2022-04-01T00:30:00.250Z'), labCode: 'LAB2201', instrument: 'SLAN-96P' },
    { tubeCode: 'CC20220401-0002', result: 'negative', ctOrf1ab: null, ctN: null, testedAt: null, labCode: null, instrument: null },
    { tubeCode: 'CC20220401-0003', result: 'invalid', ctOrf1ab: null, ctN: 38, testedAt: new Date('2022-03-31T23:59:00Z'), labCode: 'LAB2201', instrument: null },
    { tubeCode: 'CC20220401-0002', result: 'positive', ctOrf1ab: 36, ctN: null, testedAt: null, labCode: null, instrument: 'ABI 7500' },
  ];

  it('round-trips through parseFhirLabBundle to the same results', () => {
    const wire = JSON.parse(JSON.stringify(labResultsToFhirBundle(results)));
    const { rows, errors } = parseFhirLabBundle(wire);
    expect(errors).toEqual([]);
    const back = rows.map((r) => {
      const v = validateLabResult(r.fields, opts);
      if (!v.ok) throw new Error(v.message);
      return v.value;
    });
    expect(back).toEqual(results);
  });

  it('writes a collection of Specimen, Observation (LOINC 94500-6, SNOMED value, Ct components) and DiagnosticReport', () => {
    const bundle = labResultsToFhirBundle(results.slice(0, 1));
    expect(bundle.type).toBe('collection');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Specimen', 'Observation', 'DiagnosticReport']);
    const [specimen, obs, report] = bundle.entry;
    expect(specimen.resource.identifier).toEqual([{ value: 'CC20220401-0001' }]);
    expect(obs.resource).toMatchObject({
      status: 'final',
      code: { coding: [{ system: LOINC, code: SARS_COV_2_RNA_LOINC }] },
      valueCodeableConcept: { coding: [{ system: SCT, code: '10828004' }] },
      specimen: { reference: specimen.fullUrl },
      effectiveDateTime: '2022-04-01T00:30:00.250Z',
      component: [{ valueQuantity: { value: 28.1, code: '{Ct}' } }, { valueQuantity: { value: 30.4, code: '{Ct}' } }],
    });
    expect(report.resource).toMatchObject({ status: 'final', specimen: [{ reference: specimen.fullUrl }], result: [{ reference: obs.fullUrl }] });
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`urn:uuid:${String(e.resource.id)}`);
  });

  it('gives stable, distinct ids: the same export twice is the same document', () => {
    expect(labResultsToFhirBundle(results)).toEqual(labResultsToFhirBundle(results));
    const urls = labResultsToFhirBundle(results).entry.map((e) => e.fullUrl);
    expect(new Set(urls).size).toBe(urls.length); // the tube listed twice gets new ids the second time
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('x')).not.toBe(stableUuid('y'));
  });
});
