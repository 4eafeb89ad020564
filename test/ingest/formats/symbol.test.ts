import { describe, expect, it } from 'vitest';
import { findSymbol } from '../../../src/ingest/formats/symbol.ts';

describe('findSymbol', () => {
  it.each([
    ['Economic and Social Council\nE/CN.7/2021/12\nDistr.: General', 'E/CN.7/2021/12'],
    ['United Nations A/76/PV.3 General Assembly Seventy-sixth session', 'A/76/PV.3'],
    ['A/RES/70/1 Transforming our world: the 2030 Agenda', 'A/RES/70/1'],
    ['Security Council S/2021/123 Distr.: General 5 February 2021', 'S/2021/123'],
    ['Conference room paper UNODC/CND/2021/CRP.1', 'UNODC/CND/2021/CRP.1'],
    ['Resolution adopted S/RES/2532 (2020) on COVID-19', 'S/RES/2532 (2020)'],
    ['E/CN.7/2021/L.3/Add.1 Draft resolution', 'E/CN.7/2021/L.3/Add.1'],
    ['Recalling resolution A/RES/70/1, the Commission (E/CN.7/2022/2) decided', 'E/CN.7/2022/2'],
    ['Recalling its resolution A/RES/70/1 of 25 September 2015', 'A/RES/70/1'],
  ])('finds the symbol in %j', (text, symbol) => {
    expect(findSymbol(text)).toBe(symbol);
  });

  it.each([
    ['a speech about HIV/AIDS and/or COVID-19 on 22/09/2021'],
    ['the A/B test of the TCP/IP stack'],
  ])('finds none in %j', (text) => {
    expect(findSymbol(text)).toBeUndefined();
  });

  it('looks only at the start of the document', () => {
    expect(findSymbol(`${'Text of the statement. '.repeat(100)}A/76/PV.3`)).toBeUndefined();
  });
});
