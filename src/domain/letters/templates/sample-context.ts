/**
 * A complete, realistic context: the template preview, the tests and the benchmark start from it and
 * change one thing at a time. The IBAN and phone numbers are valid but unallocated examples.
 */
import { cents } from '../../money/index.ts';
import type { AgencyProfile, TemplateContext } from './context.ts';

export const sampleAgency: AgencyProfile = {
  name: 'Amiable Recouvrement', legalForm: 'SAS', registration: 'RCS Paris 912 345 678',
  addressLines: ['10 rue de la Paix'], postcode: '75002', city: 'Paris',
  phone: '+33142685300', complaintsEmail: 'reclamations@amiable.example', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP882',
  accountHolder: 'Amiable Recouvrement - compte clients', dpoContact: 'dpo@amiable.example, 10 rue de la Paix, 75002 Paris',
  mediator: 'Médiateur de l\'ANCR, 8 rue de la Médiation, 75008 Paris', portalUrl: 'https://portail.amiable.example', role: 'amicable_collector',
};

export const sampleContext: TemplateContext = {
  locale: 'fr', date: '2027-03-01', reference: 'LR-20270301-0A1B2C3D4E5F', agency: sampleAgency,
  creditor: { name: 'Horizon Télécom', legalName: 'Horizon Télécom SA', addressLines: ['45 avenue de France'], postcode: '75013', city: 'Paris', isCreditInstitution: false },
  debtor: { displayName: 'Mme Camille Lefèvre-Œuvray', postalLines: ['3 rue Frébault', '97110 Pointe-à-Pitre'] },
  claim: {
    caseId: '019a1b2c-3d4e-7f56-8a9b-0c1d2e3f4a5b', creditorReference: 'HT-2026-1001', category: 'telecom', basisRef: 'CT-880037',
    basisDate: '2024-03-15', principal: cents(123_456), interest: cents(1_234), accessories: cents(500), balance: cents(125_190),
    dueDate: '2026-05-05', rfReference: 'RF18539007547034', limitationExpiresOn: '2027-05-05',
  },
  firstLetter: null, accessCode: 'K7QM-4XD9-PWR2', verificationCode: null,
  dataSources: [{ label: 'Horizon Télécom SA, fichier « impayés mai 2026 »', date: '2026-06-02' }],
};

/** The same case after its first letter was posted: what every later message is built from. */
export const sampleLaterContext: TemplateContext = {
  ...sampleContext, date: '2027-03-20', reference: 'MSG-20270320-9F8E7D6C5B4A', accessCode: null,
  firstLetter: { reference: sampleContext.reference, date: '2027-03-01' }, verificationCode: 'H4KD-7MQ2',
  promise: { amount: cents(50_000), dueDate: '2027-04-05' },
  plan: { instalments: [{ dueDate: '2027-04-05', amount: cents(41_730) }, { dueDate: '2027-05-05', amount: cents(41_730) }, { dueDate: '2027-06-05', amount: cents(41_730) }] },
  payment: { receiptNumber: 'Q-2027-000123', amount: cents(41_730), receivedOn: '2027-04-04', method: 'virement SEPA', balanceAfter: cents(83_460) },
  dispute: { receivedOn: '2027-03-18', reason: 'montant erroné' },
  documentsRequest: { receivedOn: '2027-03-18' },
  timeBarred: { expiredOn: '2027-05-05' },
  certificate: { closedOn: '2027-06-06', totalPaid: cents(125_190), verificationCode: 'C3RT-8K2M-Q7WD-XN4P', checkUrl: 'https://portail.amiable.example/verifier/attestation/C3RT-8K2M-Q7WD-XN4P' },
};
