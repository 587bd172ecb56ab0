export * from './remittance.ts';
