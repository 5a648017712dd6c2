import { Type } from '@sinclair/typebox';
import { FACILITY_KINDS, PLACE_KINDS } from '../../../domain/places.ts';

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const Page = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export const PageQuery = Type.Object(Page);
export const SubtreeQuery = Type.Object({
  kinds: Type.Optional(Type.String({ maxLength: 200, description: 'comma-separated place kinds' })),
  levels: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'how many levels below the place' })),
  ...Page,
});

export const PlaceSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  depth: Type.Integer(),
  sortOrder: Type.Integer(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  childCount: Type.Integer(),
});

export const PlaceDetail = Type.Composite([
  PlaceSummary,
  Type.Object({
    path: Type.String(),
    geometry: Type.Unknown(),
    ancestors: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() })),
    facilityCount: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  }),
]);

export const PlaceList = Type.Object({ items: Type.Array(PlaceSummary), total: Type.Optional(Type.Integer()) });

export const PlaceSearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Type.Optional(Type.Union(PLACE_KINDS.map((k) => Type.Literal(k)))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const NewPlaceBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64 }),
    parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    kind: Type.Union(PLACE_KINDS.map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0 })),
    lat: Type.Optional(Nullable(Lat)),
    lng: Type.Optional(Nullable(Lng)),
  },
  { additionalProperties: false },
);

export const PlacePatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0 })),
    lat: Type.Optional(Nullable(Lat)),
    lng: Type.Optional(Nullable(Lng)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MoveBody = Type.Object({ parentId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const FacilitySummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  placeId: Type.Integer(),
  placeName: Type.String(),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  capacityPerHour: Type.Union([Type.Integer(), Type.Null()]),
  /** Sampling sites: fixed, or door (a door-to-door team). */
  siteMode: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
});

export const Room = Type.Object({ id: Type.Integer(), number: Type.String(), capacity: Type.Integer(), status: Type.String() });
export const Facility = Type.Composite([FacilitySummary, Type.Object({ rooms: Type.Array(Room) })]);
export const FacilityList = Type.Object({ items: Type.Array(FacilitySummary), total: Type.Integer() });
export const FacilityListQuery = Type.Object({ kind: Type.Optional(Type.Union(FACILITY_KINDS.map((k) => Type.Literal(k)))), ...Page });

export const MapFeature = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  geometry: Type.Unknown(),
});
export const PlaceMap = Type.Object({ place: MapFeature, children: Type.Array(MapFeature), facilities: Type.Array(FacilitySummary) });

export const NewFacilityBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64 }),
    placeId: Type.Integer({ minimum: 1 }),
    kind: Type.Union(FACILITY_KINDS.map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    capacityPerHour: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    siteMode: Type.Optional(Type.Union([Type.Literal('fixed'), Type.Literal('door')])),
    lat: Type.Optional(Nullable(Lat)),
    lng: Type.Optional(Nullable(Lng)),
  },
  { additionalProperties: false },
);

export const FacilityPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    capacityPerHour: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    lat: Type.Optional(Nullable(Lat)),
    lng: Type.Optional(Nullable(Lng)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RoomsBody = Type.Object(
  {
    rooms: Type.Array(
      Type.Object({ number: Type.String({ minLength: 1, maxLength: 20 }), capacity: Type.Integer({ minimum: 1, maximum: 20 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);
