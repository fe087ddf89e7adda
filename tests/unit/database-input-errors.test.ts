import { inputErrorFromDatabase, isDatabaseConnectionError } from '../../src/platform/operations/database-errors';

/** An error shaped as knex rejects with: pg's DatabaseError, its message prefixed with the SQL. */
const pgError = (code: string, message: string) =>
  Object.assign(new Error(`select "t0".* from "public"."press_releases" as "t0" where "t0"."id" = $1 - ${message}`), {
    code,
  });

describe('inputErrorFromDatabase', () => {
  it.each([
    ['22P02', 'invalid input syntax for type integer: "abc"', '(integer)'],
    ['22003', 'value "99999999999999999999" is out of range for type bigint', '(bigint)'],
    ['22007', 'invalid input syntax for type timestamp with time zone: "x"', '(timestamp with time zone)'],
    ['22008', 'date/time field value out of range: "2026-02-30"', ''],
    ['2201X', 'OFFSET must not be negative', ''],
  ])('turns SQLSTATE %s into a ValidationError without the SQL', (code, message, type) => {
    const error = inputErrorFromDatabase(pgError(code, message));
    expect(error?.name).toBe('ValidationError');
    expect(error?.message).toBe(
      `A value in the query does not fit the field it is compared with${type ? ` ${type}` : ''}: ` +
        `check the filters and pagination.`,
    );
    expect(error?.message).not.toMatch(/select|press_releases/);
  });

  it.each([
    ['42703', 'column t0.x does not exist'],
    ['22001', 'value too long for type character varying(255)'],
    ['22012', 'division by zero'],
    ['42883', 'function lower(date) does not exist'],
    ['23505', 'duplicate key value violates unique constraint'],
    ['57P01', 'terminating connection due to administrator command'],
    ['ECONNREFUSED', 'connect ECONNREFUSED'],
  ])('leaves %s alone (not the value of a request)', (code, message) => {
    expect(inputErrorFromDatabase(pgError(code, message))).toBeUndefined();
  });

  it('turns a text operator on another type (42883, operator does not exist) into a ValidationError', () => {
    const error = inputErrorFromDatabase(pgError('42883', 'operator does not exist: date ~~ unknown'));
    expect(error?.name).toBe('ValidationError');
    expect(error?.message).toBe('An operator in the filters does not apply to the type of the field it is used on.');
  });

  it("turns Strapi's own refusal of a number filter value into a ValidationError", () => {
    expect(inputErrorFromDatabase(new Error('Expected a valid Number, got x'))?.message).toBe(
      'A value in the query does not fit the field it is compared with (number): check the filters.',
    );
  });

  it('leaves errors without a code alone, and is not a connection error', () => {
    expect(inputErrorFromDatabase(new Error('boom'))).toBeUndefined();
    expect(inputErrorFromDatabase(undefined)).toBeUndefined();
    expect(isDatabaseConnectionError(pgError('22P02', 'invalid input syntax for type integer: "abc"'))).toBe(false);
  });
});
