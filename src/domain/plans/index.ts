export { frequencies, MAX_INSTALMENTS, schedule, type Frequency, type Instalment, type ScheduleSize } from './schedule.ts';
export {
  affordability, rsaCoefficientTenths, rsaFigures, type Affordability, type Household, type RsaFigure,
} from './affordability.ts';
