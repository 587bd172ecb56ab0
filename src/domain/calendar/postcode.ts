import type { FrenchTerritory } from './territories.ts';

function isFiveDigits(code: string): boolean {
  if (code.length !== 5) return false;
  for (let index = 0; index < 5; index += 1) {
    const digit = code.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return false;
  }
  return true;
}

/**
 * French postcode → territory (LEGAL_RULES §(c)). La Poste gives Saint-Barthélemy 97133 and
 * Saint-Martin 97150 inside the Guadeloupe range, so those two are tested first. Monaco (980xx),
 * the Pacific collectivities (986–988, out of scope: their codes of consumer law and labour differ)
 * and codes no département uses are refused rather than guessed.
 */
export function territoryFromPostcode(postcode: string): FrenchTerritory {
  const code = postcode.length === 5 ? postcode : postcode.trim();
  if (!isFiveDigits(code)) {
    throw new RangeError(`unknown postcode ${JSON.stringify(postcode)}: a French postcode has 5 digits`);
  }
  if (code === '97133') return 'FR-BL';
  if (code === '97150') return 'FR-MF';
  const department = (code.charCodeAt(0) - 48) * 10 + code.charCodeAt(1) - 48;
  switch (department) {
    case 20: return 'FR-COR'; // 2A Corse-du-Sud and 2B Haute-Corse share the 20xxx postcodes
    case 57: return 'FR-57';
    case 67: return 'FR-67';
    case 68: return 'FR-68';
    case 97: return overseasTerritory(code);
    default:
      if (department >= 1 && department <= 95) return 'FR-METRO';
      throw new RangeError(`unknown postcode ${JSON.stringify(postcode)}: no supported French territory uses it`);
  }
}

/** A 97xxx postcode: its third digit names the territory (read as a digit, not as a new 3-character string). */
function overseasTerritory(code: string): FrenchTerritory {
  switch (code.charCodeAt(2) - 48) {
    case 1: return 'FR-GP';
    case 2: return 'FR-MQ';
    case 3: return 'FR-GF';
    case 4: return 'FR-RE';
    case 5: return 'FR-PM';
    case 6: return 'FR-YT';
    default:
      throw new RangeError(`unknown postcode ${JSON.stringify(code)}: no supported French territory uses it`);
  }
}
