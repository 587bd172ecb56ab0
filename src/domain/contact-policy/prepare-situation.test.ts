import { describe, expect, it } from 'vitest';
import { channelPlanOf, historyHorizon } from './prepare-situation.ts';
import { contactProfiles } from './profiles.ts';
import { profileRules } from './rule-catalogue.ts';
import { channels, profileIds } from './situation.ts';

describe('channel plans (looked up once per decision)', () => {
  it.each(profileIds.flatMap((profile) => channels.map((channel) => [profile, channel] as const)))(
    '%s, %s: the profile\'s own data, as each decision used to look it up field by field', (profileId, channel) => {
      const plan = channelPlanOf(profileId, channel);
      const profile = contactProfiles[profileId];
      expect(plan.profile).toBe(profile);
      expect(plan.rules).toBe(profileRules[profileId]);
      const timed = channel === 'letter' ? undefined : channel;
      expect(plan.timedChannel).toBe(timed);
      expect(plan.countedChannel).toBe(timed);
      expect(plan.windows).toBe(timed === undefined ? undefined : profile.windows[timed]);
      const caps = timed === undefined ? [] : profile.rollingCaps.filter((cap) => cap.channel === timed);
      expect(plan.caps).toEqual(caps);
      // One empty counter per cap, in the caps' order; the weekly call cap comes before the pause.
      expect(plan.emptyCounters).toEqual(caps.map((cap) => ({ cap, beforePause: cap.rule === 'weekly-cap', attempts: [] })));
      const at = Date.UTC(2027, 2, 26, 9, 15);
      expect(at - plan.horizonMs).toBe(historyHorizon(profileId, at).attemptsFrom);
    });
});
