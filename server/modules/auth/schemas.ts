import { Type, type Static } from '@sinclair/typebox';

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  assignments: Type.Array(
    Type.Object({ role: Type.String(), placeId: Type.Union([Type.Integer(), Type.Null()]), placeName: Type.Union([Type.String(), Type.Null()]) }),
  ),
  permissions: Type.Array(Type.String()),
});

export const LoginResponse = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserView });
