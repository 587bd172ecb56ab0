import type { IsoWeekday } from '../time/index.ts';
import { contactProfiles, timedChannels, type TimedChannel, type WeeklyWindows } from './profiles.ts';
import {
  profileIds, suspensionKinds,
  type Bilingual, type ProfileId, type Reason, type RuleId, type RuleKind, type SuspensionKind,
} from './situation.ts';

/**
 * Every rule as data: id, kind, citation and the message shown to agents and debtors. Kinds are
 * honest (LEGAL_RULES §(a)): no French statute sets calling hours or numeric caps for amicable
 * collection, so those are `policy`; the R124-4 letter and the over-indebtedness ban are `law`;
 * Regulation F's hours and caps are `regulation`.
 */
const define = (rule: RuleId, kind: RuleKind, citation: string, fr: string, en: string): Reason =>
  ({ rule, kind, citation, message: { fr, en } });

const NO_STATUTORY_HOURS = 'Politique Amiable (aucun texte ne fixe d’horaires pour le recouvrement amiable)';
const NO_STATUTORY_CAP = 'Politique Amiable ; cf. C. conso L121-7 3°, C. pén. 222-16 (aucun plafond chiffré)';
const DEBTOR_PREFERENCE = 'Préférence du débiteur ; cf. C. conso L121-7 3° (sollicitations non souhaitées)';
const D223_9 = 'C. conso D223-9 par analogie (le texte vise la prospection, pas le recouvrement)';

const french: Readonly<Record<Exclude<RuleId, 'outside-hours' | 'suspended'>, Reason>> = {
  'sunday': define('sunday', 'policy', NO_STATUTORY_HOURS,
    'Pas d’appel, de SMS ni d’e-mail le dimanche (heure locale du débiteur).',
    'No call, text or e-mail on a Sunday (debtor’s local time).'),
  'public-holiday': define('public-holiday', 'policy', `${NO_STATUTORY_HOURS} ; jours fériés : C. trav. L3133-1, L3134-13, décret 83-1003`,
    'Jour férié dans le territoire du débiteur : pas d’appel, de SMS ni d’e-mail.',
    'Public holiday where the debtor lives: no call, text or e-mail.'),
  'notice-not-sent': define('notice-not-sent', 'law', 'CPCE-exéc R124-4',
    'La lettre prévue par l’article R124-4 n’a pas été envoyée : aucun appel, SMS ni e-mail avant elle.',
    'The R124-4 letter has not been sent: no call, text or e-mail before it.'),
  'notice-delay': define('notice-delay', 'policy', 'Politique Amiable (laisser la lettre R124-4 arriver) ; CPCE-exéc R124-4',
    'La lettre R124-4 vient d’être envoyée : contact possible à partir du troisième jour calendaire suivant son envoi.',
    'The R124-4 letter was sent too recently: contact is possible from the start of the third calendar day after it was sent.'),
  'daily-cap': define('daily-cap', 'policy', NO_STATUTORY_CAP,
    'Une tentative d’appel a déjà eu lieu aujourd’hui (1 par jour et par débiteur, tous dossiers confondus).',
    'A call attempt was already made today (1 a day per debtor, across all cases).'),
  'weekly-cap': define('weekly-cap', 'policy', NO_STATUTORY_CAP,
    'Déjà 3 tentatives d’appel sur 7 jours glissants pour ce débiteur.',
    'Already 3 call attempts in the last 7 days for this debtor.'),
  'post-conversation-pause': define('post-conversation-pause', 'policy', 'Politique Amiable (modèle : 12 CFR 1006.14(b)(2)(ii))',
    'Conversation avec le débiteur il y a moins de 7 jours : pas de nouvel appel, sauf au rappel qu’il a demandé.',
    'Spoke with the debtor less than 7 days ago: no new call, except at a callback time they asked for.'),
  'sms-cap': define('sms-cap', 'policy', NO_STATUTORY_CAP,
    'Déjà 2 SMS sur 7 jours glissants pour ce débiteur.',
    'Already 2 texts in the last 7 days for this debtor.'),
  'email-cap': define('email-cap', 'policy', NO_STATUTORY_CAP,
    'Déjà 2 e-mails sur 7 jours glissants pour ce débiteur.',
    'Already 2 e-mails in the last 7 days for this debtor.'),
  'monthly-cap': define('monthly-cap', 'policy', D223_9,
    'Déjà 4 tentatives d’appel sur 30 jours pour ce débiteur.',
    'Already 4 call attempts in the last 30 days for this debtor.'),
  'over-indebtedness': define('over-indebtedness', 'law', 'C. conso L722-2, L722-5',
    'Dossier de surendettement recevable : toute demande de paiement des dettes antérieures est interdite (le débiteur ne peut plus les payer).',
    'Over-indebtedness file declared admissible: no request for payment of earlier debts (the debtor is forbidden to pay them).'),
  'limitation-expired': define('limitation-expired', 'policy', 'Politique Amiable ; C. civ. 2219 ; C. conso L121-2 (pratique trompeuse)',
    'La créance est prescrite ou forclose : plus aucune relance.',
    'The claim is time-barred: no further collection contact.'),
  'case-closed': define('case-closed', 'policy', 'Politique Amiable (dossier clos, au contentieux ou non ouvert)',
    'Le dossier n’est pas ouvert au recouvrement amiable (clos, au contentieux ou en cours d’intégration).',
    'The case is not open for amicable collection (closed, in litigation or not yet taken in).'),
  'written-only': define('written-only', 'policy', DEBTOR_PREFERENCE,
    'Le débiteur a demandé des contacts par écrit uniquement : ni appel ni SMS.',
    'The debtor asked for written contact only: no call or text.'),
  'channel-opt-out': define('channel-opt-out', 'policy', DEBTOR_PREFERENCE,
    'Le débiteur a refusé ce canal de contact.',
    'The debtor opted out of this channel.'),
  'wrong-number': define('wrong-number', 'policy', 'Politique Amiable ; RGPD art. 5(1)(d) (exactitude) ; ne pas révéler la dette à un tiers',
    'Ce numéro est signalé comme n’étant pas celui du débiteur.',
    'This number is marked as not the debtor’s.'),
  'quiet-hours': define('quiet-hours', 'policy', DEBTOR_PREFERENCE,
    'Plage horaire que le débiteur a demandé d’éviter (heure locale).',
    'A time of day the debtor asked to be left alone (local time).'),
};

const frenchSuspensions: Readonly<Record<SuspensionKind, Reason>> = {
  'dispute': define('suspended', 'self-regulation', 'Accord ASF–associations de consommateurs 2004 ; RGPD art. 18(1)(a)',
    'Le débiteur conteste la dette : recouvrement suspendu jusqu’à vérification.',
    'The debtor disputes the debt: collection is paused until it is checked.'),
  'documents-requested': define('suspended', 'policy', 'Politique Amiable ; RGPD art. 15',
    'Le débiteur a demandé des justificatifs : recouvrement suspendu jusqu’à leur envoi.',
    'The debtor asked for documents: collection is paused until they are sent.'),
  'over-indebtedness': define('suspended', 'law', 'C. conso L722-2, L722-5',
    'Procédure de surendettement : recouvrement suspendu.',
    'Over-indebtedness procedure: collection is suspended.'),
  'deceased': define('suspended', 'policy', 'Politique Amiable',
    'Débiteur signalé décédé : recouvrement suspendu.',
    'Debtor reported deceased: collection is paused.'),
  'vulnerability': define('suspended', 'policy', 'Politique Amiable ; cf. C. pén. 222-33-2-2 (personne vulnérable)',
    'Pause de vulnérabilité : recouvrement suspendu.',
    'Vulnerability pause: collection is paused.'),
};

const usOverrides: Partial<Record<RuleId, Reason>> = {
  'weekly-cap': define('weekly-cap', 'regulation', '12 CFR 1006.14(b)(2)(i)',
    'Déjà 7 appels sur 7 jours consécutifs pour cette dette.',
    'Already 7 calls within 7 consecutive days about this debt.'),
  'post-conversation-pause': define('post-conversation-pause', 'regulation', '12 CFR 1006.14(b)(2)(ii)',
    'Conversation téléphonique sur cette dette dans les 7 jours consécutifs (le jour de la conversation compte comme le premier).',
    'A telephone conversation about this debt within 7 consecutive days (its day is day 1).'),
  'quiet-hours': define('quiet-hours', 'regulation', '12 CFR 1006.6(b)(1)',
    'Le débiteur a indiqué que ce moment ne lui convient pas.',
    'The consumer said this time is inconvenient.'),
  'channel-opt-out': define('channel-opt-out', 'regulation', '12 CFR 1006.14(h)',
    'Le débiteur a demandé que ce moyen de communication ne soit pas utilisé.',
    'The consumer asked that this medium not be used.'),
  'written-only': define('written-only', 'regulation', '12 CFR 1006.14(h)',
    'Le débiteur a demandé des communications écrites uniquement.',
    'The consumer asked for written communications only.'),
};

const dayNames: Readonly<Record<IsoWeekday, Bilingual>> = {
  1: { fr: 'lundi', en: 'Monday' }, 2: { fr: 'mardi', en: 'Tuesday' }, 3: { fr: 'mercredi', en: 'Wednesday' },
  4: { fr: 'jeudi', en: 'Thursday' }, 5: { fr: 'vendredi', en: 'Friday' }, 6: { fr: 'samedi', en: 'Saturday' },
  7: { fr: 'dimanche', en: 'Sunday' },
};

const clock = (ms: number): string =>
  `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}`;

/** "du lundi au samedi, 08:00–20:00" from the profile's data, so the message cannot drift from the rule. */
export function describeWindows(windows: WeeklyWindows): Bilingual {
  const weekdays: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
  const key = (day: IsoWeekday): string => windows[day].map((w) => `${clock(w.from)}–${clock(w.to)}`).join(', ');
  const fr: string[] = [];
  const en: string[] = [];
  let index = 0;
  while (index < weekdays.length) {
    const first = weekdays[index] as IsoWeekday;
    let last = first;
    while (index + 1 < weekdays.length && key(weekdays[index + 1] as IsoWeekday) === key(first)) {
      index += 1;
      last = weekdays[index] as IsoWeekday;
    }
    index += 1;
    if (key(first) === '') continue;
    const hoursFr = windows[first].map((w) => `${clock(w.from)}–${clock(w.to)}`).join(' et ');
    const hoursEn = windows[first].map((w) => `${clock(w.from)}–${clock(w.to)}`).join(' and ');
    if (first === 1 && last === 7) {
      fr.push(`tous les jours, ${hoursFr}`);
      en.push(`every day, ${hoursEn}`);
    } else if (first === last) {
      fr.push(`le ${dayNames[first].fr}, ${hoursFr}`);
      en.push(`${dayNames[first].en}, ${hoursEn}`);
    } else {
      fr.push(`du ${dayNames[first].fr} au ${dayNames[last].fr}, ${hoursFr}`);
      en.push(`${dayNames[first].en} to ${dayNames[last].en}, ${hoursEn}`);
    }
  }
  return { fr: fr.join(' ; '), en: en.join('; ') };
}

function outsideHours(profile: ProfileId, channel: TimedChannel): Reason {
  const hours = describeWindows(contactProfiles[profile].windows[channel]);
  const [kind, citation]: [RuleKind, string] = profile === 'us-regf' ? ['regulation', '12 CFR 1006.6(b)(1)(i)']
    : profile === 'fr-d223-9' && channel === 'call' ? ['policy', D223_9] : ['policy', NO_STATUTORY_HOURS];
  return define('outside-hours', kind, citation,
    `Hors des heures de contact (${hours.fr}, heure locale du débiteur).`,
    `Outside contact hours (${hours.en}, debtor’s local time).`);
}

export interface ProfileRules {
  readonly rules: Readonly<Record<Exclude<RuleId, 'outside-hours' | 'suspended'>, Reason>>;
  readonly outsideHours: Readonly<Record<TimedChannel, Reason>>;
  readonly suspended: Readonly<Record<SuspensionKind, Reason>>;
}

function rulesOf(profile: ProfileId): ProfileRules {
  const overrides = profile === 'us-regf' ? usOverrides : {};
  const d223 = profile === 'fr-d223-9';
  const rules = { ...french, ...overrides } as Record<Exclude<RuleId, 'outside-hours' | 'suspended'>, Reason>;
  if (d223) {
    rules.sunday = define('sunday', 'policy', D223_9, french.sunday.message.fr, french.sunday.message.en);
    rules['public-holiday'] = define('public-holiday', 'policy', `${D223_9} ; C. trav. L3133-1`,
      french['public-holiday'].message.fr, french['public-holiday'].message.en);
  }
  const outside = Object.fromEntries(timedChannels.map((channel) => [channel, outsideHours(profile, channel)]));
  return {
    rules,
    outsideHours: outside as Record<TimedChannel, Reason>,
    suspended: Object.fromEntries(suspensionKinds.map((kind) => [kind, frenchSuspensions[kind]])) as Record<SuspensionKind, Reason>,
  };
}

/** The rule table of each profile, built once. */
export const profileRules: Readonly<Record<ProfileId, ProfileRules>> = Object.fromEntries(
  profileIds.map((profile) => [profile, rulesOf(profile)]),
) as Record<ProfileId, ProfileRules>;
