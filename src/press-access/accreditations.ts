import { checkedInput } from '../platform/validation/checked-input';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { OUTLET_UID, PRESS_ACCREDITATION_UID } from '../platform/content-model/content-type-uids';
import { actingUser } from '../platform/request-context/acting-user';
import type { AccreditationStanding } from '../read-side/visibility';
import { recordAuditEvent, type AuditActor, type AuditRequest } from '../editorial/audit-trail/audit-event';
import { EMBARGO_AGREEMENT } from './embargo-agreement';
import { tellJournalistOfDecision } from './journalist-notices';
import { goLiveOf } from '../delivery/go-live/go-live-scheduler';

/**
 * Accreditation: a journalist asks (their outlet, position, country, languages, and their acceptance of the embargo
 * agreement in force), an Editor decides (accredit until a date, refuse, suspend, revoke), in the admin panel or with
 * `npm run accredit`. Both go through the Document Service, where the middleware below checks each decision, stamps
 * who made it and when, and records it in the audit trail, in the write's transaction; the journalist is told by
 * email once it is committed.
 */

export type AccreditationStatus = AccreditationStanding['status'];

export interface Accreditation {
  id: number;
  /** `status` is a word Strapi keeps for itself (draft or published): the attribute is `standing`. */
  standing: AccreditationStatus;
  validUntil: string | null;
  documentId: string;
  email: string;
  outletName: string;
  outlet: { id: number; name: string } | null;
  position: string;
  country: string;
  languages: string;
  timeZone: string | null;
  agreementVersion: string;
  agreementAcceptedAt: string;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface Journalist {
  id: number;
  username: string;
  email: string;
  confirmed?: boolean;
  blocked?: boolean;
}

/** The journalist's accreditation (there is at most one per account), with its outlet, or null. */
export async function accreditationOf(strapi: Core.Strapi, journalistId: number): Promise<Accreditation | null> {
  return (await strapi.db.query(PRESS_ACCREDITATION_UID).findOne({
    where: { journalist: { id: journalistId } },
    populate: { outlet: { select: ['id', 'name'] } },
  })) as Accreditation | null;
}

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const REQUEST = z.strictObject({
  outlet: z.string().trim().min(1).max(200),
  position: z.string().trim().min(1).max(200),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { message: 'a two-letter country code (ISO 3166-1), e.g. KE' })
    .transform((code) => code.toUpperCase()),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, { message: 'a language code (ISO 639), e.g. ru' }))
    .min(1)
    .max(10),
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, { message: 'a time zone of the IANA database, e.g. Africa/Nairobi' })
    .optional(),
  agreementVersion: z.string().max(32),
  acceptAgreement: z.literal(true, { message: 'the embargo agreement must be accepted (true)' }),
});

/** A request's own audit entry: the journalist is the actor (not an admin user: no id of theirs is recorded). */
const journalistActor = (journalist: Journalist): AuditActor => ({
  email: journalist.email,
  name: `${journalist.username} (journalist)`,
});

/** A request that an earlier decision stands in the way of (the press API answers 409 Conflict). */
export class AccreditationConflict extends Error {}

/** The journalist whose own request is being written (the middleware records it as theirs, not as a decision). */
const requestsBy = new AsyncLocalStorage<Journalist>();

export type AccreditationAsked = z.infer<typeof REQUEST>;

/**
 * What a journalist asks for, checked (a ValidationError saying what is wrong otherwise): the press portal's sign-up
 * checks it before it creates the account, so that a wrong form leaves no account behind.
 */
export function checkedAccreditationRequest(data: unknown): AccreditationAsked {
  const asked = checkedInput(REQUEST, data, { what: 'Accreditation request' });
  if (asked.agreementVersion !== EMBARGO_AGREEMENT.version) {
    throw new errors.ValidationError(
      `The embargo agreement in force is version ${EMBARGO_AGREEMENT.version} ` +
        '(GET /api/press/agreement): read it and accept that version.',
    );
  }
  return asked;
}

/**
 * A journalist's request for accreditation (POST /api/press/accreditation, `{ data: {…} }`): a first request, a
 * new one after a refusal or revocation, or a change to one still waiting. An accredited or suspended journalist
 * cannot ask again (409). The outlet is linked when one of that name exists; an Editor links or creates it otherwise.
 */
export async function requestAccreditation(
  strapi: Core.Strapi,
  journalist: Journalist,
  body: unknown,
): Promise<Accreditation> {
  const asked = checkedAccreditationRequest((body as { data?: unknown } | null)?.data);
  const existing = await accreditationOf(strapi, journalist.id);
  if (existing && (existing.standing === 'accredited' || existing.standing === 'suspended')) {
    throw new AccreditationConflict(`Your accreditation is already ${existing.standing}.`);
  }
  const outlet = (await strapi.db.query(OUTLET_UID).findOne({
    select: ['id'],
    where: { name: { $eqi: asked.outlet } },
  })) as { id: number } | null;
  const fields = {
    email: journalist.email,
    outletName: asked.outlet,
    outlet: outlet ? outlet.id : null,
    position: asked.position,
    country: asked.country,
    languages: asked.languages.join(', '),
    timeZone: asked.timeZone ?? null,
    agreementVersion: EMBARGO_AGREEMENT.version,
    agreementAcceptedAt: new Date().toISOString(),
    standing: 'requested' as const,
    validUntil: null,
    reason: null,
    decidedAt: null,
    decidedBy: null,
  };
  const documents = strapi.documents(PRESS_ACCREDITATION_UID);
  return requestsBy.run(journalist, async () => {
    const written = existing
      ? await documents.update({ documentId: existing.documentId, data: fields as never })
      : await documents.create({ data: { ...fields, journalist: journalist.id } as never });
    return (await accreditationOf(strapi, journalist.id)) ?? (written as unknown as Accreditation);
  });
}

/** An Editor's decision, as the Document Service receives it (admin panel or `npm run accredit`). */
interface DecisionData {
  standing?: AccreditationStatus;
  validUntil?: string | null;
  reason?: string | null;
  decidedBy?: string | null;
}

const DECISIONS: readonly AccreditationStatus[] = ['accredited', 'refused', 'suspended', 'revoked'];
const NEEDS_REASON: readonly AccreditationStatus[] = ['refused', 'revoked'];

const today = (): string => new Date().toISOString().slice(0, 10);

/** Who decides: the admin user of the request, or what the command line says (the operator). */
function deciderName(strapi: Core.Strapi, data: DecisionData): string {
  const acting = actingUser(strapi);
  if (acting.kind === 'admin') return `${acting.name} <${acting.email}>`;
  return data.decidedBy?.trim() || acting.name;
}

/** Refuses a decision that does not hold together, with what to change; returns the fields to store with it. */
async function checkedDecision(
  strapi: Core.Strapi,
  before: Accreditation & { journalist: Journalist | null },
  data: DecisionData,
): Promise<Partial<Accreditation>> {
  const status = data.standing ?? before.standing;
  const validUntil = data.validUntil === undefined ? before.validUntil : data.validUntil;
  const reason = (data.reason === undefined ? before.reason : data.reason)?.trim() || null;
  if (!DECISIONS.includes(status)) {
    throw new errors.ValidationError(
      `An accreditation is decided as ${DECISIONS.join(', ')}; "${status}" is the journalist's own request.`,
    );
  }
  if (status === 'accredited') {
    if (!validUntil || !/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) {
      throw new errors.ValidationError('An accreditation needs the last day it is valid (Valid until).');
    }
    if (validUntil < today()) throw new errors.ValidationError(`Valid until (${validUntil}) has already passed.`);
    if (!before.journalist) throw new errors.ValidationError('This request has no journalist account any more.');
    if (!before.journalist.confirmed) {
      throw new errors.ValidationError(`${before.email} has not confirmed the address yet: it cannot be accredited.`);
    }
    if (before.journalist.blocked) throw new errors.ValidationError(`${before.email}'s account is blocked.`);
  }
  if (NEEDS_REASON.includes(status) && !reason) {
    throw new errors.ValidationError(`A ${status === 'refused' ? 'refusal' : 'revocation'} needs a reason.`);
  }
  return {
    standing: status,
    validUntil,
    reason,
    decidedAt: new Date().toISOString(),
    decidedBy: deciderName(strapi, data).slice(0, 255),
  };
}

/**
 * Document Service middleware for accreditations: a journalist's own request is recorded as theirs; any other write
 * is an Editor's decision, checked (a reason for a refusal or revocation, a future last day and a confirmed address
 * for an accreditation), stamped and recorded in the audit trail with the write, or refused whole.
 */
export function accreditationDecisions(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_ACCREDITATION_UID) return next();
    if (!['create', 'update'].includes(context.action)) return next();
    const request = strapi.requestContext.get() as AuditRequest | undefined;
    const journalist = requestsBy.getStore();
    if (journalist) {
      return strapi.db.transaction(async () => {
        const result = await next();
        await recordAuditEvent(strapi, request, {
          action: 'press.accreditation-request',
          actor: journalistActor(journalist),
          subjects: [{ type: PRESS_ACCREDITATION_UID, id: journalist.email, title: journalist.email }],
        });
        return result;
      });
    }
    if (context.action === 'create') {
      throw new errors.ForbiddenError('Accreditations are requested by journalists, not created in the admin panel.');
    }
    const params = context.params as { documentId?: string; data?: DecisionData & Record<string, unknown> };
    if (!params.documentId || !params.data) return next();
    return strapi.db.transaction(async ({ onCommit }) => {
      const before = (await strapi.db.query(PRESS_ACCREDITATION_UID).findOne({
        where: { documentId: params.documentId },
        populate: { journalist: { select: ['id', 'username', 'email', 'confirmed', 'blocked'] } },
      })) as (Accreditation & { journalist: Journalist | null }) | null;
      if (!before) return next();
      const decision = await checkedDecision(strapi, before, params.data!);
      // What the journalist declared is theirs: a decision changes only the decision and the outlet it is linked to.
      const { outlet } = params.data!;
      params.data = { ...decision, ...(outlet === undefined ? {} : { outlet }) };
      const result = await next();
      await recordAuditEvent(strapi, request, {
        action: `press.accreditation-${decision.standing}`,
        ...(request?.state.user ? {} : { actor: { name: decision.decidedBy } }),
        subjects: [{ type: PRESS_ACCREDITATION_UID, id: before.email, title: before.email }],
        details: {
          from: before.standing,
          to: decision.standing,
          validUntil: decision.validUntil,
          reason: decision.reason,
        },
      });
      // A journalist accredited now is told of the releases already shared with them (press-notices.ts).
      onCommit(() => goLiveOf(strapi).kick());
      if (decision.standing !== before.standing || decision.validUntil !== before.validUntil) {
        onCommit(() =>
          tellJournalistOfDecision(strapi, before, decision as Parameters<typeof tellJournalistOfDecision>[2]),
        );
      }
      return result;
    });
  };
}

export interface DecisionCommand {
  email: string;
  status: Exclude<AccreditationStatus, 'requested'>;
  validUntil?: string;
  reason?: string;
  by: string;
}

/** A decision from the command line (`npm run accredit`): the same write, checks and audit as the admin panel's. */
export async function decideAccreditation(strapi: Core.Strapi, command: DecisionCommand): Promise<Accreditation> {
  const found = (await strapi.db.query(PRESS_ACCREDITATION_UID).findOne({
    where: { email: { $eqi: command.email } },
  })) as Accreditation | null;
  if (!found) throw new errors.NotFoundError(`No accreditation request from ${command.email}.`);
  const data: DecisionData = {
    standing: command.status,
    decidedBy: command.by,
    ...(command.validUntil ? { validUntil: command.validUntil } : {}),
    ...(command.reason ? { reason: command.reason } : {}),
  };
  await strapi.documents(PRESS_ACCREDITATION_UID).update({ documentId: found.documentId, data: data as never });
  return (await strapi.db.query(PRESS_ACCREDITATION_UID).findOne({
    where: { id: found.id },
    populate: { outlet: { select: ['id', 'name'] } },
  })) as Accreditation;
}
