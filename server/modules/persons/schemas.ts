import { Type } from '@sinclair/typebox';
import { ID_TYPES, RESIDENCE_TYPES, SPECIAL_GROUP_TAGS } from '../../../domain/persons.ts';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PersonView = Type.Object({
  id: Type.Integer(),
  idType: Type.String(),
  idNumber: Type.String(),
  name: Type.String(),
  sex: NullableString,
  birthDate: NullableString,
  phone: NullableString,
  householdId: Type.Union([Type.Integer(), Type.Null()]),
  householdCode: NullableString,
  householdName: NullableString,
  residenceType: Type.String(),
  tags: Type.Array(Type.String()),
  needs: NullableString,
  status: Type.String(),
  confirmedAt: NullableString,
  masked: Type.Boolean(),
});

export const PersonDetail = Type.Composite([
  PersonView,
  Type.Object({
    household: Type.Array(PersonView),
    history: Type.Array(
      Type.Object({ id: Type.Integer(), at: Type.String(), actorName: NullableString, action: Type.String() }, { additionalProperties: true }),
    ),
  }),
]);

export const PersonBody = Type.Object(
  {
    idType: Type.Optional(literalUnion(ID_TYPES)),
    idNumber: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    sex: Type.Optional(Type.Union([Type.Literal('M'), Type.Literal('F'), Type.Null()])),
    birthDate: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    householdId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    residenceType: Type.Optional(literalUnion(RESIDENCE_TYPES)),
    tags: Type.Optional(Type.Array(literalUnion(SPECIAL_GROUP_TAGS), { maxItems: 7 })),
    needs: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const PersonPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    householdId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    residenceType: Type.Optional(literalUnion(RESIDENCE_TYPES)),
    tags: Type.Optional(Type.Array(literalUnion(SPECIAL_GROUP_TAGS), { maxItems: 7 })),
    needs: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('moved_out')])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PersonSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 40 })),
  placeId: Type.Optional(Type.Integer({ minimum: 1 })),
  tag: Type.Optional(literalUnion(SPECIAL_GROUP_TAGS)),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('moved_out')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const SaveResult = Type.Object({ created: Type.Boolean(), person: PersonView });
