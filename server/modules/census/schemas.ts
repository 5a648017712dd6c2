import { Type } from '@sinclair/typebox';
import { PersonBody, PersonView } from '../persons/schemas.ts';

const Counts = {
  households: Type.Integer(),
  visited: Type.Integer(),
  people: Type.Integer(),
  confirmed: Type.Integer(),
  householdRate: Type.Union([Type.Number(), Type.Null()]),
  peopleRate: Type.Union([Type.Number(), Type.Null()]),
};
const PlaceRef = { id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() };

export const Coverage = Type.Object({
  place: Type.Object({ ...PlaceRef, ...Counts }),
  since: Type.String(),
  children: Type.Array(Type.Object({ ...PlaceRef, ...Counts })),
});

export const SinceQuery = Type.Object({ since: Type.Optional(Type.String({ format: 'date-time' })) });

export const Campaign = Type.Object({ id: Type.Integer(), name: Type.String(), startedAt: Type.String() });
export const CampaignBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

export const VisitBody = Type.Object(
  {
    clientId: Type.String({ format: 'uuid' }),
    householdId: Type.Integer({ minimum: 1 }),
    visitedAt: Type.Optional(Type.String({ format: 'date-time' })),
    outcome: Type.Union([Type.Literal('present'), Type.Literal('absent'), Type.Literal('vacant'), Type.Literal('refused')]),
    seen: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 })),
    movedOut: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 })),
    added: Type.Optional(Type.Array(Type.Omit(PersonBody, ['householdId']), { maxItems: 20 })),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const Visit = Type.Object({
  id: Type.Integer(),
  clientId: Type.String(),
  householdId: Type.Integer(),
  visitedAt: Type.String(),
  outcome: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  seen: Type.Array(Type.Integer()),
  added: Type.Array(Type.Integer()),
  movedOut: Type.Array(Type.Integer()),
});

export const VisitResult = Type.Object({ replayed: Type.Boolean(), visit: Visit });

export const HouseholdRow = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  parentName: Type.Union([Type.String(), Type.Null()]),
  members: Type.Integer(),
  lastVisitedAt: Type.Union([Type.String(), Type.Null()]),
  lastOutcome: Type.Union([Type.String(), Type.Null()]),
  visits: Type.Integer(),
});

export const HouseholdsQuery = Type.Object({
  placeId: Type.Integer({ minimum: 1 }),
  unvisited: Type.Optional(Type.Boolean()),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const HouseholdDetail = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  members: Type.Array(PersonView),
  visits: Type.Array(
    Type.Object({ id: Type.Integer(), visitedAt: Type.String(), outcome: Type.String(), note: Type.Union([Type.String(), Type.Null()]), visitor: Type.Union([Type.String(), Type.Null()]) }),
  ),
});
