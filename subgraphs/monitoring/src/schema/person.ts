// Monitoring's fields on `Person` (owned by civil affairs): the person's alerts and referrals, each
// kept to the caller's region by the region stored on the alert. One query per batch of persons.

import { extendPerson } from '@lip/shared/person-extension';
import { inRegion } from '@lip/shared/scopes';
import { Alert, Referral } from './alert.ts';
import { AlertStatus } from './enums.ts';
import { PersonRef } from './person-ref.ts';

extendPerson(PersonRef, {
  fields: (t) => ({
    alerts: t.field({
      nullable: true,
      type: [Alert],
      description: '监测预警: the person’s alerts in the caller’s region, newest first.',
      args: { status: t.arg({ type: [AlertStatus], required: false, description: 'Only alerts in these states (default: all).' }) },
      resolve: async (person, { status }, ctx) =>
        (await ctx.alertsByPerson.load(person.idNumber)).filter(
          (alert) => inRegion(ctx.identity, alert.regionCode) && (!status || status.includes(alert.status)),
        ),
    }),
    referrals: t.field({
      nullable: true,
      type: [Referral],
      description: '转办记录: the person’s referrals whose office is in the caller’s region (or that were escalated to it), newest first.',
      resolve: async (person, _args, ctx) =>
        (await ctx.referralsByPerson.load(person.idNumber)).filter(
          (referral) => inRegion(ctx.identity, referral.officeRegion) || (referral.escalatedTo !== null && inRegion(ctx.identity, referral.escalatedTo)),
        ),
    }),
  }),
});
