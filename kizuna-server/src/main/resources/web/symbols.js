// CoT type → MIL-STD-2525C symbol id (SIDC), as TAK clients derive it: a-AFFIL-DIM-FUNCTION...
// "a-f-G-U-C-I" → "SFGPUCI--------". Non-atom types (markers, shapes, chat) have no SIDC.
'use strict';
const KizunaSymbols = (() => {
  const AFFILIATION = {f: 'F', h: 'H', n: 'N', u: 'U', a: 'A', s: 'S', j: 'J', k: 'K', p: 'P', o: 'U', x: 'U'};
  const DIMENSION = {P: 'P', A: 'A', G: 'G', S: 'S', U: 'U', F: 'F', X: 'G'};
  const NAMES = {
    f: 'friend', h: 'hostile', n: 'neutral', u: 'unknown', a: 'assumed friend', s: 'suspect',
    j: 'joker', k: 'faker', p: 'pending', o: 'none', x: 'other',
  };
  const DIMENSIONS = {P: 'space', A: 'air', G: 'ground', S: 'sea surface', U: 'subsurface', F: 'special operations'};

  function sidc(type) {
    const parts = type.split('-');
    if (parts[0] !== 'a' || parts.length < 3) return null;
    const affiliation = AFFILIATION[parts[1]] || 'U';
    const dimension = DIMENSION[parts[2]] || 'G';
    const fn = parts.slice(3).join('').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6).padEnd(6, '-');
    return ('S' + affiliation + dimension + 'P' + fn).padEnd(15, '-');
  }

  // Plain words for the details panel: "friend ground unit (a-f-G-U-C)".
  function describe(type) {
    const parts = type.split('-');
    if (parts[0] === 'a' && parts.length >= 3) {
      return [NAMES[parts[1]] || parts[1], DIMENSIONS[parts[2]] || parts[2], parts.length > 3 ? 'unit' : 'track']
        .join(' ');
    }
    if (type.startsWith('b-t-f')) return 'chat message';
    if (type.startsWith('b-m-p')) return 'map point';
    if (type.startsWith('u-d')) return 'drawn shape';
    if (type.startsWith('t-x-d-d')) return 'delete';
    return 'other';
  }

  function affiliationOf(type) {
    const parts = type.split('-');
    return parts[0] === 'a' ? parts[1] : '';
  }

  // Battle dimension letter of an atom type (P space, A air, G ground, S sea surface, U subsurface); '' otherwise.
  function dimensionOf(type) {
    const parts = type.split('-');
    return parts[0] === 'a' && parts.length >= 3 ? parts[2] : '';
  }

  return {sidc, describe, affiliationOf, dimensionOf};
})();
