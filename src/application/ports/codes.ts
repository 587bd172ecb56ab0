/** Random codes printed for people to type: unambiguous characters, grouped by four. */
export interface CodeGenerator {
  /** A new time-ordered id (UUIDv7). */
  id(): string;
  /** Portal access code of the first letter (60 bits): `K7QM-4XD9-PWR2`. */
  accessCode(): string;
  /** Verification code of an SMS or e-mail (40 bits): `H4KD-7MQ2`. */
  verificationCode(): string;
  /** Certificate verification code (80 bits). */
  certificateCode(): string;
}
