// Request and response shapes of the screening API (rounds, registrations, custody, results,
// coverage). The schema is the validation, the type (Static<…>, also imported by the web) and the OpenAPI.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { SAMPLING_MODES, TUBE_KINDS, ZONE_LEVELS } from '../../../domain/screening.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** One of the given strings, typed as their union. */
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T>[]>;
const Time = Type.String({ format: 'date-time' });
const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Uuid = Type.String({ format: 'uuid' });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const CodeParams = Type.Object({ code: Code });
export const RoundPlaceParams = Type.Object({ id: Type.Integer({ minimum: 1 }), placeId: Type.Integer({ minimum: 1 }) });
export const Page = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

// ---------------------------------------------------------------- rounds

export const Modes = Type.Object(
  { sealed: literals(SAMPLING_MODES), controlled: literals(SAMPLING_MODES), precaution: literals(SAMPLING_MODES) },
  { additionalProperties: false },
);

export const NewRoundBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    placeIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 200 }),
    startsAt: Time,
    deadline: Time,
    policyPack: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    modes: Type.Optional(Modes),
    /** Zone levels of places inside the round (sealed buildings, controlled compounds…); the rest is precaution. */
    zones: Type.Optional(Type.Array(Type.Object({ placeId: Type.Integer({ minimum: 1 }), level: literals(ZONE_LEVELS) }, { additionalProperties: false }), { maxItems: 5000 })),
  },
  { additionalProperties: false },
);
export type NewRound = Static<typeof NewRoundBody>;

export const RoundPlace = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() });
export const RoundZone = Type.Composite([RoundPlace, Type.Object({ level: Type.String() })]);

export const RoundStatus = Type.Object({
  round: Type.String(),
  roundId: Type.Integer(),
  expected: Type.Integer(),
  exempt: Type.Integer(),
  sampled: Type.Integer(),
  samples: Type.Integer(),
  repeats: Type.Integer(),
  tubes: Type.Integer(),
  tubesWithResult: Type.Integer(),
  positivePools: Type.Integer(),
  positiveSingles: Type.Integer(),
  membersControlled: Type.Integer(),
  retestTasks: Type.Integer(),
  retestsDone: Type.Integer(),
  unmatchedResults: Type.Integer(),
  coverage: Nullable(Type.Number()),
  timeElapsed: Type.Number(),
});
export type RoundStatusView = Static<typeof RoundStatus>;

export const Round = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  startsAt: Type.String(),
  deadline: Type.String(),
  policyPack: Type.String(),
  /** The modes as stored (see Modes; plain strings here so that old rounds always serialise). */
  modes: Type.Object({ sealed: Type.String(), controlled: Type.String(), precaution: Type.String() }),
  status: Type.String(),
  createdAt: Type.String(),
  places: Type.Array(RoundPlace),
  zones: Type.Array(RoundZone),
  progress: RoundStatus,
});
export type RoundView = Static<typeof Round>;
export const RoundList = Type.Object({ items: Type.Array(Round) });

export const PlanResult = Type.Object({ slots: Type.Integer(), doorVisits: Type.Integer(), unservedBuildings: Type.Integer() });

export const SiteRow = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  placeId: Type.Integer(),
  placeName: Type.String(),
  siteMode: Type.String(),
  capacityPerHour: Nullable(Type.Integer()),
  slots: Type.Integer(),
  doorVisits: Type.Integer(),
  samples: Type.Integer(),
  openTubes: Type.Integer(),
});
export const SiteList = Type.Object({ items: Type.Array(SiteRow) });

export const SlotsQuery = Type.Object({ siteId: Type.Optional(Type.Integer({ minimum: 1 })), ...Page.properties });
export const SlotRow = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  siteName: Type.String(),
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  buildingCode: Type.String(),
  /** The compound (小区) the building stands in, where there is one. */
  compoundName: Nullable(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  /** Residents of the building when the round was planned. */
  people: Type.Integer(),
  /** Of the building's people, how many have been sampled in the round so far. */
  sampled: Type.Integer(),
});
export const DoorVisitRow = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  householdId: Type.Integer(),
  householdCode: Type.String(),
  householdName: Type.String(),
  location: Type.String(),
  reason: Type.String(),
  members: Type.Integer(),
  sampled: Type.Integer(),
});

export const ExemptionBody = Type.Object(
  { personId: Type.Integer({ minimum: 1 }), reason: literals(['in_hospital', 'quarantine_tested', 'away_with_proof']), proof: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- registration

export const RegistrationItem = Type.Object(
  {
    clientId: Uuid,
    roundId: Type.Integer({ minimum: 1 }),
    tubeCode: Code,
    /** Kind and size of a new tube; when absent they follow the round's mode for the person's zone. */
    tubeKind: Type.Optional(literals(TUBE_KINDS)),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    /** What was scanned: an ID number, or the health-code QR (HC1:…). */
    person: Type.String({ minLength: 1, maxLength: 200 }),
    idType: Type.Optional(literals(['id_card', 'passport', 'hk_mo_tw', 'other'])),
    siteCode: Type.Optional(Code),
    collectedAt: Type.Optional(Time),
    /** Close the tube after this person even if it is not full. */
    seal: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RegistrationInput = Static<typeof RegistrationItem>;
export const RegistrationBatch = Type.Object({ items: Type.Array(RegistrationItem, { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false });

export const TubeState = Type.Object({ code: Type.String(), kind: Type.String(), capacity: Type.Integer(), members: Type.Integer(), sealed: Type.Boolean() });
export const RegistrationOutcome = Type.Object({
  clientId: Type.String(),
  sampleId: Type.Integer(),
  replayed: Type.Boolean(),
  /** The person had already been sampled in this round (allowed, flagged). */
  repeat: Type.Boolean(),
  slot: Type.Integer(),
  tube: TubeState,
  person: Type.Object({ id: Type.Integer(), name: Type.String(), idNumber: Type.String() }),
});
export const RegistrationResult = Type.Object({ items: Type.Array(RegistrationOutcome) });
export type RegistrationOutcomeView = Static<typeof RegistrationOutcome>;
/** details of a rejected batch: every item that failed, by index in the batch. */
export interface RegistrationItemError {
  index: number;
  clientId: string;
  code: string;
  message: string;
  scanned?: string;
}

export const TubeSealBody = Type.Object({}, { additionalProperties: false });

// ---------------------------------------------------------------- custody

export const NewBoxBody = Type.Object(
  { code: Code, siteCode: Type.Optional(Code), tubeCodes: Type.Array(Code, { minItems: 1, maxItems: 2000 }) },
  { additionalProperties: false },
);
export const HandoffBody = Type.Object({ courier: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const ReceiveBody = Type.Object(
  {
    labCode: Code,
    /** The tubes the lab scanned out of the box; absent = every tube listed on the box arrived. */
    tubeCodes: Type.Optional(Type.Array(Code, { maxItems: 2000 })),
  },
  { additionalProperties: false },
);

export const CustodyEvent = Type.Object({ kind: Type.String(), at: Type.String(), actor: Nullable(Type.String()), detail: Type.Unknown() });
export const TubeView = Type.Object({
  code: Type.String(),
  roundId: Type.Integer(),
  roundName: Type.String(),
  kind: Type.String(),
  capacity: Type.Integer(),
  members: Type.Integer(),
  sealed: Type.Boolean(),
  siteName: Nullable(Type.String()),
  boxCode: Nullable(Type.String()),
  labName: Nullable(Type.String()),
  collectedAt: Type.String(),
  boxedAt: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  reportedAt: Nullable(Type.String()),
  result: Nullable(Type.String()),
  ctOrf1ab: Nullable(Type.Number()),
  ctN: Nullable(Type.Number()),
  people: Type.Array(Type.Object({ slot: Type.Integer(), personId: Type.Integer(), name: Type.String(), idNumber: Type.String(), collectedAt: Type.String(), repeat: Type.Boolean() })),
  events: Type.Array(CustodyEvent),
});
export const BoxView = Type.Object({
  code: Type.String(),
  roundId: Type.Integer(),
  siteName: Nullable(Type.String()),
  tubes: Type.Integer(),
  sealedAt: Type.String(),
  handedAt: Nullable(Type.String()),
  courier: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  labName: Nullable(Type.String()),
  tubeCodes: Type.Array(Type.Object({ code: Type.String(), members: Type.Integer(), result: Nullable(Type.String()), receivedAt: Nullable(Type.String()) })),
  events: Type.Array(CustodyEvent),
});
export const ReceiveResult = Type.Object({
  box: BoxView,
  expected: Type.Integer(),
  received: Type.Integer(),
  missing: Type.Array(Type.String()),
  unexpected: Type.Array(Type.String()),
});

// ---------------------------------------------------------------- results

export const ResultItem = Type.Object(
  {
    tubeCode: Type.String({ maxLength: 200 }),
    result: Type.String({ maxLength: 40 }),
    ctOrf1ab: Type.Optional(Nullable(Type.Union([Type.Number(), Type.String({ maxLength: 40 })]))),
    ctN: Type.Optional(Nullable(Type.Union([Type.Number(), Type.String({ maxLength: 40 })]))),
    testedAt: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    labCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    instrument: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);
export const ResultBatch = Type.Object({ items: Type.Array(ResultItem, { minItems: 1, maxItems: 10000 }) }, { additionalProperties: false });
export const RowError = Type.Object({ row: Type.Integer(), code: Type.String(), message: Type.String() });
export const ResultSummary = Type.Object({
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  unmatched: Type.Integer(),
  unchanged: Type.Integer(),
  positive: Type.Integer(),
  positivePools: Type.Integer(),
  membersControlled: Type.Integer(),
  retestTasks: Type.Integer(),
  findings: Type.Integer(),
  errors: Type.Array(RowError),
});
export type ResultSummaryView = Static<typeof ResultSummary>;

export const UnmatchedRow = Type.Object({
  id: Type.Integer(),
  tubeCode: Type.String(),
  result: Nullable(Type.String()),
  labName: Nullable(Type.String()),
  source: Type.String(),
  code: Type.String(),
  message: Type.String(),
  receivedAt: Type.String(),
});

// ---------------------------------------------------------------- coverage, follow-up, turnaround

export const CoverageCounts = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  residents: Type.Integer(),
  exempt: Type.Integer(),
  expected: Type.Integer(),
  sampled: Type.Integer(),
  missing: Type.Integer(),
  rate: Nullable(Type.Number()),
});
export const RoundCoverage = Type.Object({
  round: Type.Object({ id: Type.Integer(), name: Type.String(), startsAt: Type.String(), deadline: Type.String() }),
  timeElapsed: Type.Number(),
  place: CoverageCounts,
  children: Type.Array(CoverageCounts),
});
export type RoundCoverageView = Static<typeof RoundCoverage>;

export const MissingRow = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  idNumber: Type.String(),
  phone: Nullable(Type.String()),
  householdId: Type.Integer(),
  householdCode: Type.String(),
  location: Type.String(),
  tags: Type.Array(Type.String()),
});

export const FollowUpQuery = Type.Object({ status: Type.Optional(literals(['open', 'sampled', 'done'])), ...Page.properties });
export const RetestRow = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  name: Type.String(),
  idNumber: Type.String(),
  reason: Type.String(),
  sourceTube: Nullable(Type.String()),
  siteName: Nullable(Type.String()),
  buildingName: Nullable(Type.String()),
  doorToDoor: Type.Boolean(),
  status: Type.String(),
  result: Nullable(Type.String()),
  createdAt: Type.String(),
  sampledAt: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
});
export const PositivePoolRow = Type.Object({
  tubeCode: Type.String(),
  kind: Type.String(),
  members: Type.Integer(),
  siteName: Nullable(Type.String()),
  reportedAt: Nullable(Type.String()),
  ctOrf1ab: Nullable(Type.Number()),
  ctN: Nullable(Type.Number()),
  controlled: Type.Integer(),
  retested: Type.Integer(),
  positives: Type.Integer(),
});
export const FindingRow = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  name: Type.String(),
  idNumber: Type.String(),
  tubeCode: Type.String(),
  ctOrf1ab: Nullable(Type.Number()),
  ctN: Nullable(Type.Number()),
  location: Nullable(Type.String()),
  status: Type.String(),
  createdAt: Type.String(),
});

export const StageFigures = Type.Object({ tubes: Type.Integer(), p50: Nullable(Type.Number()), p90: Nullable(Type.Number()) });
export const TurnaroundRow = Type.Object({
  id: Nullable(Type.Integer()),
  name: Type.String(),
  tubes: Type.Integer(),
  /** collected → reported, hours. */
  total: StageFigures,
  collectedToBoxed: StageFigures,
  boxedToReceived: StageFigures,
  receivedToReported: StageFigures,
  overdue: Type.Integer(),
});
export const Turnaround = Type.Object({
  targetHours: Type.Number(),
  overall: TurnaroundRow,
  byLab: Type.Array(TurnaroundRow),
  bySite: Type.Array(TurnaroundRow),
  /** Tubes past the target still without a result, by the lab that has them ("not received" when none). */
  overdue: Type.Array(Type.Object({ labId: Nullable(Type.Integer()), labName: Type.String(), tubes: Type.Integer(), oldestCollectedAt: Type.String() })),
});
export type TurnaroundView = Static<typeof Turnaround>;

export const PoolAdviceQuery = Type.Object({
  placeIds: Type.Optional(Type.String({ pattern: '^[0-9]+(,[0-9]+)*$', maxLength: 2000 })),
  maxPool: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
export const PoolAdviceRow = Type.Object({
  placeId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  previousRound: Nullable(Type.String()),
  sampled: Type.Integer(),
  positives: Type.Integer(),
  prevalence: Type.Number(),
  /** true when the prevalence is an assumption (no previous round in this zone). */
  assumed: Type.Boolean(),
  bestPoolSize: Type.Integer(),
  testsPerPerson: Type.Number(),
  savingVsSingle: Type.Number(),
  entropyBound: Type.Number(),
  warning: Type.Optional(Type.String()),
});
export const PoolAdvice = Type.Object({ items: Type.Array(PoolAdviceRow) });

// ---------------------------------------------------------------- antigen self-tests

export const AntigenBody = Type.Object(
  { clientId: Uuid, personId: Type.Integer({ minimum: 1 }), result: literals(['negative', 'positive', 'invalid']), testedAt: Type.Optional(Time) },
  { additionalProperties: false },
);
export const AntigenResult = Type.Object({
  id: Type.Integer(),
  replayed: Type.Boolean(),
  result: Type.String(),
  testedAt: Type.String(),
  /** A positive antigen result creates a PCR confirmation task. */
  pcrTaskId: Nullable(Type.Integer()),
});

export const AntigenPeopleQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 40 })) });
export const AntigenPerson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  idNumber: Type.String(),
  householdName: Type.String(),
  lastResult: Nullable(Type.String()),
  lastTestedAt: Nullable(Type.String()),
});
